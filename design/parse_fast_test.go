package design

import (
	"strings"
	"testing"

	"github.com/goccy/go-yaml/token"
)

// TestDecimalDigitsAgreesWithToNumber: every scalar the fast path types as
// an integer without asking token.ToNumber is one ToNumber reads as a
// decimal integer, over every string of up to four characters from the
// alphabet of YAML numbers, and the 19- and 20-digit edges.
func TestDecimalDigitsAgreesWithToNumber(t *testing.T) {
	const alphabet = "0159_.-+xobe"
	cases := []string{"1234567890123456789", "9999999999999999999", "18446744073709551615", "99999999999999999999"}
	var grow func(prefix string)
	grow = func(prefix string) {
		cases = append(cases, prefix)
		if len(prefix) == 4 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			grow(prefix + alphabet[i:i+1])
		}
	}
	grow("")
	fast := 0
	for _, s := range cases {
		if !decimalDigits(s) {
			continue
		}
		fast++
		if num := token.ToNumber(s); num == nil || num.Type != token.NumberTypeDecimal {
			t.Errorf("decimalDigits(%q) but token.ToNumber reads %+v", s, num)
		}
	}
	for _, s := range []string{"0", "7", "26", "443", "65535", "1234567890123456789"} {
		if !decimalDigits(s) {
			t.Errorf("decimalDigits(%q) = false: the common numbers should take the fast path", s)
		}
	}
	if fast == 0 {
		t.Fatal("no case took the fast path")
	}
}

// TestCheckTextFastPathAgrees: checkText's vectorised test of the whole
// file gives the error the rune walk gives (none, or the same one at the
// same place) on text with every kind of bad byte at several places.
func TestCheckTextFastPathAgrees(t *testing.T) {
	bad := []string{"\x00", "\xff", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\xef\xbf\xbd", "é", "\u202e", "\r", "\t"}
	bodies := []string{"", "version: 1\n", "name: cafés\nvpcs: []\n", strings.Repeat("a: b\n", 40)}
	n := 0
	for _, body := range bodies {
		for _, b := range bad {
			for _, at := range []int{0, len(body) / 2, len(body)} {
				data := []byte(body[:at] + b + body[at:])
				got, want := checkText("f.yaml", data), placeTextError("f.yaml", data)
				if (got == nil) != (want == nil) || (got != nil && (got.Pos != want.Pos || got.Message != want.Message)) {
					t.Errorf("checkText(%q) = %v, the rune walk says %v", data, got, want)
				}
				if want != nil {
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no case had an error")
	}
}

// TestFastColumnsAfterNonASCII: the fast path's columns count characters
// on lines whose non-ASCII text comes before, between and after the
// positions taken on them (at remembers how far a line is ASCII), as
// goccy's do.
func TestFastColumnsAfterNonASCII(t *testing.T) {
	for _, data := range []string{
		"version: 1\nname: café\nregion: ü\n",
		"version: 1\nnetworks:\n  - {name: é你好, cidr: 10.0.0.0/8, ipv6: x}\n  - {name: a, cidr: ü}\n",
		"version: 1\nnetworks:\n  - {name: a, cidr: 10.0.0.0/8, ipv6: 名}\n",
		"version: 1\nvpcs:\n  - name: ñ\n    endpoints: [é, s3, 你]\n    tiers: [{name: x, kind: ö}]\n",
	} {
		accepted, diff := compareParsers([]byte(data))
		if !accepted {
			t.Errorf("%q: the fast path declined it", data)
		}
		if diff != "" {
			t.Errorf("%q: %s", data, diff)
		}
	}
}
