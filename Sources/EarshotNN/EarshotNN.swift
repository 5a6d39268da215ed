// EarshotNN: see docs/architecture.md
