import EarshotTraining
import FuzzSupport
import Foundation

/// A JSON Lines manifest, read from a file as `earshot train --manifest` reads it, leniently
/// and strictly, keeping and skipping empty transcripts.
let manifest = ScratchFile(name: "manifest.jsonl")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let flags = input.byte()
    let url = URL(fileURLWithPath: manifest.write(input.rest()))
    var issues = DataIssueLog()
    _ = try? JSONLinesManifest.load(url, issues: &issues, strict: flags & 1 != 0, keepingEmpty: flags & 2 != 0)
    return 0
}
