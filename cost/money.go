package cost

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an amount in US cents. Each item's monthly figure is rounded to
// cents once, and totals are integer sums of items, so a total always equals
// the sum of the items shown, with no floating-point drift.
type Money int64

// Dollars returns m as a float, for JSON and arithmetic in tests.
func (m Money) Dollars() float64 { return float64(m) / 100 }

// String formats m as dollars with thousands separators: "$1,234.50",
// "-$3.00".
func (m Money) String() string {
	sign, mag := m.split()
	return sign + "$" + groupThousandsU(mag/100) + "." + twoDigits(int64(mag%100))
}

// split returns m's sign and magnitude; the magnitude is unsigned so that
// the most negative Money has one too (its negation overflows int64).
func (m Money) split() (string, uint64) {
	if m < 0 {
		return "-", uint64(-(m + 1)) + 1
	}
	return "", uint64(m)
}

// addMoney adds without overflowing: ok is false when the sum leaves int64.
func addMoney(a, b Money) (Money, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}

// MaxMoney is the largest amount Money holds; Estimate refuses a design
// whose total would pass it.
const MaxMoney = Money(math.MaxInt64)

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// Plain formats m without the dollar sign or separators: "1234.50".
func (m Money) Plain() string {
	sign, mag := m.split()
	return sign + strconv.FormatUint(mag/100, 10) + "." + twoDigits(int64(mag%100))
}

// MarshalJSON writes m as a JSON number with two decimals (12.50).
func (m Money) MarshalJSON() ([]byte, error) { return []byte(m.Plain()), nil }

// Rate is a unit price in micro-dollars (millionths of a dollar): $0.045 is
// 45000. Prices files may give at most six decimal places, so every list
// price is held exactly.
type Rate int64

// MaxPriceDollars bounds every price of a prices file.
const MaxPriceDollars = 1_000

// microPerCent converts micro-dollars to cents.
const microPerCent = 10_000

// String formats r as a dollar figure with two to six decimals: "$0.045",
// "$0.50".
func (r Rate) String() string {
	if r < 0 {
		return "-$" + (-r).Plain()
	}
	return "$" + r.Plain()
}

// Plain formats r as a decimal without the dollar sign, with two to six
// decimals: "0.045", "0.50", "0.0225".
func (r Rate) Plain() string {
	sign := ""
	if r < 0 {
		sign, r = "-", -r
	}
	frac := strconv.FormatInt(int64(r)%1_000_000+1_000_000, 10)[1:] // six digits
	frac = strings.TrimRight(frac, "0")
	for len(frac) < 2 {
		frac += "0"
	}
	return sign + strconv.FormatInt(int64(r)/1_000_000, 10) + "." + frac
}

// Dollars returns r as a float.
func (r Rate) Dollars() float64 { return float64(r) / 1e6 }

// MarshalJSON writes r as a JSON number (0.045).
func (r Rate) MarshalJSON() ([]byte, error) { return []byte(r.Plain()), nil }

// times is the cost of quantity units at r, rounded to the cent (half away
// from zero). The product of an exact rate and a quantity is computed once
// and rounded once, per item.
func (r Rate) times(quantity float64) Money {
	return Money(math.Round(quantity * float64(r) / microPerCent))
}

// parseRate reads a non-negative decimal with at most six decimal places
// ("0.045", "1", "0.0225") exactly, without going through a float.
func parseRate(s string) (Rate, error) {
	s = strings.ReplaceAll(s, "_", "")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	if strings.HasPrefix(whole, "-") || strings.HasPrefix(whole, "+") {
		return 0, fmt.Errorf("a price cannot be negative or signed")
	}
	if len(frac) > 6 {
		return 0, fmt.Errorf("a price has at most six decimal places (micro-dollars)")
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("not a price")
	}
	// Bounded so that a bounded traffic value times a price stays far
	// inside int64 cents (10^9 GB × $1,000 = 10^14 cents).
	if w > MaxPriceDollars {
		return 0, fmt.Errorf("a price is at most $%d per unit", MaxPriceDollars)
	}
	var f int64
	if frac != "" {
		f, err = strconv.ParseInt(frac+strings.Repeat("0", 6-len(frac)), 10, 64)
		if err != nil || f < 0 {
			return 0, fmt.Errorf("not a price")
		}
	}
	return Rate(w*1_000_000 + f), nil
}

// groupThousands writes n with commas: 1234567 → "1,234,567".
func groupThousands(n int64) string { return groupThousandsU(uint64(n)) }

func groupThousandsU(n uint64) string {
	s := strconv.FormatUint(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	lead := len(s) % 3
	if lead > 0 {
		b.WriteString(s[:lead])
	}
	for i := lead; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// FormatQuantity writes q with thousands separators and at most two
// decimals, trailing zeros dropped: 2190 → "2,190", 333.3333 → "333.33".
func FormatQuantity(q float64) string {
	sign := ""
	if q < 0 {
		sign, q = "-", -q
	}
	cents := int64(math.Round(q * 100))
	s := sign + groupThousands(cents/100)
	if f := cents % 100; f != 0 {
		s += "." + strings.TrimRight(twoDigits(f), "0")
	}
	return s
}
