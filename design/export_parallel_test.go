package design

// ParseSerial is ParseWithLimits decoding the VPCs on one goroutine, the
// baseline of BenchmarkParse100kRouting's chunked decoding.
func ParseSerial(file string, data []byte, lim Limits) (*Design, error) {
	return parse(file, data, lim, parallelVPCs, 1)
}
