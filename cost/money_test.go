package cost

import "testing"

func TestMoneyAndRateFormatting(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Money(123456).String(), "$1,234.56"},
		{Money(-5).String(), "-$0.05"},
		{Money(100000000).String(), "$1,000,000.00"},
		{Money(1250).Plain(), "12.50"},
		{Rate(45000).String(), "$0.045"},
		{Rate(500000).String(), "$0.50"},
		{Rate(22500).Plain(), "0.0225"},
		{Rate(0).String(), "$0.00"},
		{Rate(1_500_000).Plain(), "1.50"},
		{FormatQuantity(2190), "2,190"},
		{FormatQuantity(666.6666), "666.67"},
		{FormatQuantity(0.5), "0.5"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestRateTimesRoundsOncePerItem(t *testing.T) {
	// 730 h × $0.0225 = $16.425, half a cent: rounds away from zero to $16.43.
	if got := Rate(22500).times(730); got != 1643 {
		t.Errorf("got %s", got)
	}
	// 0.1 GB × $0.045 = $0.0045 → $0.00; float drift would not move it.
	if got := Rate(45000).times(0.1); got != 0 {
		t.Errorf("got %s", got)
	}
	// 2/3 of 1,000 GB × $0.02 = $13.3333 → $13.33.
	if got := Rate(20000).times(1000.0 * 2 / 3); got != 1333 {
		t.Errorf("got %s", got)
	}
}

func TestParseRateIsExact(t *testing.T) {
	for s, want := range map[string]Rate{"0.045": 45000, "1": 1_000_000, "0.0225": 22500, "0.000001": 1, ".5": 500000, "12.5": 12_500_000} {
		if got, err := parseRate(s); err != nil || got != want {
			t.Errorf("parseRate(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"-1", "0.0000001", "abc", "1e3", "+2"} {
		if _, err := parseRate(s); err == nil {
			t.Errorf("parseRate(%q): want an error", s)
		}
	}
}
