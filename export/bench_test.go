package export_test

import (
	"errors"
	"testing"

	"github.com/vpcsmith/vpcsmith/export"
	"github.com/vpcsmith/vpcsmith/export/cloudformation"
	"github.com/vpcsmith/vpcsmith/internal/gen"
)

// BenchmarkExport50VPC is the whole export of a 50-VPC design (3 AZs, 4
// tiers) in each format at its defaults, as the CLI and the designer run
// it: resolve, validate, render, name the files (target: under 100 ms).
func BenchmarkExport50VPC(b *testing.B) {
	d := gen.Design(gen.ForSubnets(600)) // 50 VPCs × 4 tiers × 3 AZs
	if len(d.VPCs) != 50 {
		b.Fatalf("%d VPCs, want 50", len(d.VPCs))
	}
	for _, f := range export.Formats() {
		// CloudFormation splits the 50 VPCs (2,908 resources, over the 500
		// quota) into stacks, which this measures; a refusal would show
		// in the benchmark's name.
		name := f.Name
		var limit *cloudformation.LimitError
		if _, err := export.Run(d, f, f.Defaults()); errors.As(err, &limit) {
			name += "-refused"
		} else if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err := export.Run(d, f, f.Defaults())
				if err != nil && !errors.As(err, &limit) {
					b.Fatal(err)
				}
			}
		})
	}
}
