// EarshotAudio: see docs/architecture.md
