package design

// CompareParsers lets the external tests (which can import the templates,
// the generator and the hostile corpus) check the fast path on their files.
func CompareParsers(data []byte) (accepted bool, diff string) { return compareParsers(data) }
