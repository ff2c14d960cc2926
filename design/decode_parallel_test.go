package design

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// parseChunked parses data with its VPCs decoded in the given number of
// chunks however few there are (chunks 1: serially), for the tests of
// both packages.
func parseChunked(data []byte, chunks int) (*Design, error) {
	return parse("f.yaml", data, Limits{MaxBytes: max(len(data), MaxFileSize)}, 2, chunks)
}

// faultyDesign is a design of n VPCs, seeded, in which about one element
// in four carries a mistake (an unknown key, a wrong type, a missing key, a
// VPC that is not a mapping), with comments and blank lines between some
// VPCs: enough errors to pass MaxLoadErrors, in every chunk.
func faultyDesign(seed uint64, n int) []byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	b.WriteString("version: 1\nname: faulty\nregion: us-east-1\nvpcs:\n")
	for i := range n {
		if rng.IntN(5) == 0 {
			b.WriteString("\n  # VPC " + fmt.Sprint(i) + "\n")
		}
		fault := rng.IntN(12)
		if fault == 0 {
			b.WriteString("  - 5\n")
			continue
		}
		fmt.Fprintf(&b, "  - name: v%d\n", i)
		if fault != 1 {
			fmt.Fprintf(&b, "    cidr: 10.%d.0.0/16\n", i%250)
		}
		switch fault {
		case 2:
			b.WriteString("    cidrr: 10.0.0.0/16\n")
		case 3:
			b.WriteString("    azs: [a, {b: c}]\n")
		case 4:
			b.WriteString("    nat: sometimes\n")
		default:
			b.WriteString("    azs: 2\n")
		}
		b.WriteString("    tiers:\n")
		for j := range 1 + rng.IntN(3) {
			kind := "private"
			if rng.IntN(8) == 0 {
				kind = "privat"
			}
			fmt.Fprintf(&b, "      - {name: t%d, kind: %s, prefix: 24}\n", j, kind)
		}
	}
	b.WriteString("connections:\n  - {name: p, kind: peering, vpcs: [v1, v2]}\n")
	return []byte(b.String())
}

// TestChunkedDecodeIsSerial: decoding the VPCs in 2, 3 or 7 chunks gives
// the design (sources and comments included) and the load errors (the same
// ones listed, in order, the same count of the rest) that the serial
// decoder gives: on designs full of mistakes, on them with every mistake
// taken out, and on every file under testdata and ../templates.
func TestChunkedDecodeIsSerial(t *testing.T) {
	inputs := map[string][]byte{}
	for seed := range uint64(6) {
		inputs[fmt.Sprintf("faulty %d", seed)] = faultyDesign(seed, 40+int(seed)*60)
	}
	clean := strings.NewReplacer("cidrr", "region", "[a, {b: c}]", "2", "sometimes", "none", "privat,", "private,", "  - 5\n", "")
	inputs["clean"] = []byte(clean.Replace(string(faultyDesign(9, 300))))
	for _, dir := range []string{"testdata", "../templates"} {
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".yaml") {
				return err
			}
			data, err := os.ReadFile(path)
			inputs[path] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	capped, valid := 0, 0
	for name, data := range inputs {
		want, wantErr := parseChunked(data, 1)
		if errs, ok := wantErr.(LoadErrors); ok && len(errs) > MaxLoadErrors {
			capped++
		}
		if wantErr == nil && want != nil && len(want.VPCs) > 2 {
			valid++
		}
		for _, chunks := range []int{2, 3, 7} {
			got, gotErr := parseChunked(data, chunks)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Errorf("%s in %d chunks: errors\n%v\nserially:\n%v", name, chunks, gotErr, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s in %d chunks: the design differs from the serial decoder's", name, chunks)
			}
		}
	}
	if capped == 0 || valid < 2 {
		t.Fatalf("%d inputs reach MaxLoadErrors and %d are valid multi-VPC designs: the comparison misses a side", capped, valid)
	}
}

// TestChunkedDecodeRaisesPanics: a panic in a chunk's goroutine reaches
// the caller's goroutine, where ParseWithLimits turns it into an error.
func TestChunkedDecodeRaisesPanics(t *testing.T) {
	dec := &decoder{file: "f.yaml", parallelMin: 2, chunks: 2}
	nodes := []*yamlNode{{Kind: kindMapping}, nil} // a nil node panics
	defer func() {
		if recover() == nil {
			t.Fatal("the chunk's panic did not reach the caller")
		}
	}()
	dec.vpcs(nodes)
}
