// EarshotFeatures: see docs/architecture.md
