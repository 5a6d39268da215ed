// Earshot: see docs/architecture.md
