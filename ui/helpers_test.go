package ui

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpcsmith/vpcsmith/cost"
	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/ui/internal/fixture"
	"github.com/vpcsmith/vpcsmith/ui/styles"
)

// fixedNow is the clock of every test model.
var fixedNow = time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)

// fakeCost is a deterministic estimator: $10 a VPC, $1 a subnet.
var fakeCost = EstimatorFunc(func(d *design.Design) (*cost.Breakdown, error) {
	l := design.Resolve(d)
	var subnets int
	for _, vl := range l.VPCs {
		for _, tl := range vl.Tiers {
			subnets += len(tl.Subnets)
		}
	}
	items := []cost.Item{
		{Category: cost.NATGatewayHours, Monthly: cost.Money(1000 * len(d.VPCs))},
		{Category: cost.InterfaceEndpointHours, Monthly: cost.Money(100 * subnets)},
		{Category: cost.GatewayEndpoint},
	}
	return &cost.Breakdown{Currency: "USD", Items: items, MonthlyTotal: cost.Total(items),
		Advice: []cost.Advice{{Message: "Add S3 and DynamoDB gateway endpoints to save NAT processing.", MonthlyDifference: -450}}}, nil
})

// tester drives a Model the way the Bubble Tea runtime does, but in the
// test's goroutine: each message goes to Update, and the commands it
// returns run at once, their messages fed back, until none is left.
type tester struct {
	t    testing.TB
	m    *Model
	quit bool
	// hold, when set, keeps the messages it accepts in held instead of
	// delivering them (release sends them), to test the designer while
	// commands are still running.
	hold func(tea.Msg) bool
	held []tea.Msg
}

// release delivers the held messages.
func (tt *tester) release() {
	tt.t.Helper()
	msgs := tt.held
	tt.held = nil
	tt.send(msgs...)
}

// validationModes are the ways findings can reach the designer: in Update
// ("sync", below 2,000 subnets), from the background command ("async"),
// or from it only once the test lets them through ("async, results late").
var validationModes = []string{"sync", "async", "async, results late"}

// newTesterValidating is a 160×50 tester whose validation runs in mode.
func newTesterValidating(t testing.TB, opts Options, mode string) *tester {
	t.Helper()
	tt := newTester(t, opts, 160, 50)
	if mode != "sync" {
		tt.m.syncValidate = 0
	}
	if mode == "async, results late" {
		tt.hold = func(msg tea.Msg) bool { _, ok := msg.(validatedMsg); return ok }
	}
	return tt
}

func newTester(t testing.TB, opts Options, w, h int) *tester {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	if opts.Cost == nil {
		opts.Cost = fakeCost
	}
	m := New(opts)
	m.setStyles(styles.Plain())
	m.checkScopes = true // every edit a test makes keeps to its scope
	tt := &tester{t: t, m: m}
	tt.run(m.Init())
	tt.send(tea.WindowSizeMsg{Width: w, Height: h})
	return tt
}

func reference(t testing.TB) Options {
	return Options{Path: fixture.ReferencePath(), Design: fixture.Reference(t)}
}

func (tt *tester) send(msgs ...tea.Msg) {
	tt.t.Helper()
	for _, msg := range msgs {
		_, cmd := tt.m.Update(msg)
		tt.run(cmd)
		if strings.Contains(tt.m.status, internalError) {
			tt.t.Fatalf("after %v: %s", msg, tt.m.status)
		}
	}
}

func (tt *tester) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
	case tea.QuitMsg:
		tt.quit = true
	case tea.BatchMsg:
		for _, c := range msg {
			tt.run(c)
		}
	case tea.BackgroundColorMsg:
	default:
		if tt.hold != nil && tt.hold(msg) {
			tt.held = append(tt.held, msg)
			return
		}
		// tea.Sequence's message is unexported; it is a slice of commands.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				tt.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		if reflect.TypeOf(msg).PkgPath() == reflect.TypeOf(tea.QuitMsg{}).PkgPath() {
			return // requests to the runtime (background colour, window size)
		}
		tt.send(msg)
	}
}

// keys sends key presses: named keys in angle brackets ("<enter>",
// "<ctrl+s>"), every other character typed as itself.
func (tt *tester) keys(s string) {
	tt.t.Helper()
	for s != "" {
		if strings.HasPrefix(s, "<") {
			if end := strings.IndexByte(s, '>'); end > 1 {
				tt.send(keyPress(s[1:end]))
				s = s[end+1:]
				continue
			}
		}
		r := []rune(s)[0]
		tt.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		s = s[len(string(r)):]
	}
}

// keyPress builds the key message for a name as KeyPressMsg.String spells
// it: the palette's keyMsgOf, which the designer runs actions through.
func keyPress(name string) tea.KeyPressMsg { return keyMsgOf(name) }

// screen is the current screen as plain text.
func (tt *tester) screen() string {
	return ansi.Strip(tt.m.Render())
}

// golden compares the screen with testdata/golden/name.golden (-update
// rewrites it) and checks its size.
func (tt *tester) golden(name string) {
	tt.t.Helper()
	got := tt.screen()
	checkSize(tt.t, got, tt.m.width, tt.m.height)
	testtools.Golden(tt.t, filepath.Join("testdata", "golden", name+".golden"), []byte(got))
}

// checkSize asserts that a screen is exactly h lines of exactly w cells.
func checkSize(t testing.TB, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		t.Errorf("screen has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw != w {
			t.Errorf("line %d is %d cells wide, want %d: %q", i, lw, w, l)
			return
		}
	}
}
