package cli

import (
	"context"
	"github.com/vpcsmith/vpcsmith/export"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/importer"
	"github.com/vpcsmith/vpcsmith/internal/testtools"
	"github.com/vpcsmith/vpcsmith/ui"
	"github.com/vpcsmith/vpcsmith/ui/journal"
)

func TestDesignerWithoutTerminal(t *testing.T) {
	for _, args := range [][]string{{reference}, {}, {"does-not-exist.yaml"}} {
		code, stdout, stderr := run(t, args...)
		if code != ExitUsage {
			t.Errorf("vpcsmith %v: exit %d, want %d", args, code, ExitUsage)
		}
		if stdout != "" {
			t.Errorf("vpcsmith %v wrote to stdout: %q", args, stdout)
		}
		for _, want := range []string{"needs a terminal", "vpcsmith validate FILE", "vpcsmith cost FILE", "vpcsmith export mermaid FILE", "vpcsmith new -o FILE"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("vpcsmith %v: stderr lacks %q:\n%s", args, want, stderr)
			}
		}
	}
}

func TestDesignerOptions(t *testing.T) {
	t.Setenv("VPCSMITH_RECOVERY_DIR", t.TempDir())
	opts, err := designerOptions(Streams{Err: os.Stderr}, reference)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Design == nil || opts.Base == nil || opts.Journal == nil || opts.Cost == nil || len(opts.Exporters) != 2 {
		t.Fatalf("options incomplete: %+v", opts)
	}
	if _, err := opts.Cost.Estimate(opts.Design); err != nil {
		t.Errorf("estimate: %v", err)
	}
	noted := 0
	for i, e := range opts.Exporters {
		files, notes, err := e.Export(opts.Design)
		noted += len(notes)
		if err != nil || len(files) == 0 || len(files[0].Data) == 0 {
			t.Errorf("%s export: %d files, %v", e.Name, len(files), err)
		}
		// The designer shows the notes the CLI prints (issue 16).
		f := export.Formats()[i]
		r, err := export.Run(opts.Design, f, f.Defaults())
		if err != nil || !slices.Equal(notes, r.Notes) {
			t.Errorf("%s export: the designer's notes %q, the CLI's %q (%v)", e.Name, notes, r.Notes, err)
		}
	}
	if noted == 0 {
		t.Error("no export had a note: the comparison of notes checked nothing (CloudFormation notes the default security group)")
	}
	// A missing file opens the picker: no design, no error.
	missing := filepath.Join(t.TempDir(), "new.yaml")
	opts, err = designerOptions(Streams{Err: os.Stderr}, missing)
	if err != nil || opts.Design != nil {
		t.Errorf("missing file: design %v, error %v", opts.Design != nil, err)
	}
	// A broken file is refused with the loader's errors, exit 2.
	broken := writeFile(t, "broken.yaml", "version: 1\nvpcs: [\n")
	var errb strings.Builder
	if _, err := designerOptions(Streams{Err: &errb}, broken); exitCodeOf(err) != ExitUsage || !strings.Contains(errb.String(), "broken.yaml") {
		t.Errorf("broken file: %v, stderr %q", err, errb.String())
	}
}

func TestDesignerOffersRecovery(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("VPCSMITH_RECOVERY_DIR", dir)
	data, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "shop.yaml", string(data))
	d, err := design.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	d.VPCs[0].NAT = design.NATSingle
	j := journal.Open(dir)
	if err := j.Reset(path, j.Seq(), journal.Hash(data), design.Marshal(d), testNow()); err != nil {
		t.Fatal(err)
	}
	opts, err := designerOptions(Streams{Err: os.Stderr}, path)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Recovery == nil || opts.Recovery.Design.VPCs[0].NAT != design.NATSingle || opts.Recovery.Changed {
		t.Fatalf("recovery not offered, or wrong: %+v", opts.Recovery)
	}
}

func testNow() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC) }

// TestDesignerImportAgainstMoto runs the designer's AWS import (list, then
// import) against moto, the AWS emulator.
func TestDesignerImportAgainstMoto(t *testing.T) {
	endpoint := testtools.MotoServer(t)
	dir := t.TempDir()
	t.Setenv("AWS_ENDPOINT_URL_EC2", endpoint)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIATESTTESTTESTTEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testsecretnotarealsecretnotarealsecret00")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_PROFILE", "")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client, _, err := importer.NewClient(ctx, importer.ClientConfig{Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := client.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.42.0.0/16"), TagSpecifications: []types.TagSpecification{{
		ResourceType: types.ResourceTypeVpc, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("lab\u202e")}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(out.Vpc.VpcId)
	vpcs, region, err := awsImporter{}.ListVPCs(ctx, "us-east-1", "")
	if err != nil {
		t.Fatal(err)
	}
	if region != "us-east-1" {
		t.Errorf("region %q", region)
	}
	found := false
	for _, v := range vpcs {
		if v.ID == id {
			found = v.CIDR == "10.42.0.0/16" && v.Name == "lab" // cleaned at the source, and again where drawn
		}
	}
	if !found {
		t.Fatalf("VPC %s not listed: %+v", id, vpcs)
	}
	var calls int
	res, err := awsImporter{}.Import(ctx, "us-east-1", "", []string{id}, func(p ui.ImportProgress) { calls = p.Calls })
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Design.VPCs) != 1 || res.Design.VPCs[0].CIDR != "10.42.0.0/16" || calls == 0 {
		t.Errorf("imported %+v after %d calls", res.Design.VPCs, calls)
	}
}

// TestDesignerOpensWithVersion: the designer started from the command
// line opens its file with design.Open: killed saves' temporary files
// beside it are removed, a reload keeps VPCSMITH_MAX_FILE_SIZE, and a
// save after another program rewrote the file is refused, leaving that
// program's bytes on disk.
func TestDesignerOpensWithVersion(t *testing.T) {
	t.Setenv("VPCSMITH_RECOVERY_DIR", t.TempDir())
	t.Setenv("VPCSMITH_MAX_FILE_SIZE", "5MiB")
	data, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "shop.yaml", string(data))
	stale := filepath.Join(filepath.Dir(path), ".shop.yaml.tmp-123456")
	if err := os.WriteFile(stale, []byte("half a save"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts, err := designerOptions(Streams{Err: os.Stderr}, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a killed save's temporary file survived the open: %v", err)
	}
	if string(opts.Base) != string(data) || opts.Limits.MaxBytes != 5<<20 {
		t.Errorf("base of %d bytes (file %d), limit %d", len(opts.Base), len(data), opts.Limits.MaxBytes)
	}
	theirs := append([]byte("# rewritten by another program\n"), data...)
	if err := os.WriteFile(path, theirs, 0o644); err != nil {
		t.Fatal(err)
	}
	m := ui.New(opts)
	runCmd(m, m.Init())
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, k := range []tea.KeyPressMsg{{Code: 'n', Text: "n"}, {Code: 's', Mod: tea.ModCtrl}} {
		drive(m, k)
	}
	if got, _ := os.ReadFile(path); string(got) != string(theirs) {
		t.Fatal("the designer's save wrote over the other program's change")
	}
	if !m.Dirty() {
		t.Error("a refused save left the designer clean")
	}
}

// drive sends msg to m and runs the commands it returns.
func drive(m tea.Model, msg tea.Msg) {
	_, cmd := m.Update(msg)
	runCmd(m, cmd)
}

// runCmd runs cmd and feeds its messages back to m, as the Bubble Tea
// runtime would (here in one goroutine).
func runCmd(m tea.Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			runCmd(m, c)
		}
	default:
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() { // tea.Sequence's unexported message
				runCmd(m, v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		if reflect.TypeOf(msg).PkgPath() == reflect.TypeOf(tea.QuitMsg{}).PkgPath() {
			return // requests to the runtime (background colour)
		}
		drive(m, msg)
	}
}
