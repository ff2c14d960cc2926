package importer

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

// poisonedName holds a raw ESC, which XML 1.0 cannot carry even as a
// character reference. moto (like AWS, as the testers found) writes
// it into its answers unescaped, so every page listing the resource is
// invalid XML: moto's own answer is the poisoned page, no proxy needed.
const poisonedName = "ops\x1b[31mred"

// poison sets a Name tag holding poisonedName on a resource. CreateTags
// answers without the tags, so the call itself still decodes.
func (l *lab) poison(id string) {
	l.t.Helper()
	_, err := l.ec2.CreateTags(l.ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String(tagName), Value: aws.String(poisonedName)}}})
	l.check(err)
}

// fleet makes n VPCs named net-01… with one subnet each and poisons the
// name of the one at index bad; it returns the IDs, in order.
func (l *lab) fleet(n, bad int) []string {
	l.t.Helper()
	var ids []string
	for i := range n {
		name := fmt.Sprintf("net-%02d", i+1)
		if i == bad {
			name = ""
		}
		id := l.vpc(name, fmt.Sprintf("10.%d.0.0/16", 100+i))
		l.subnet(id, "", "us-east-1a", fmt.Sprintf("10.%d.0.0/24", 100+i))
		if i == bad {
			l.poison(id)
		}
		ids = append(ids, id)
	}
	return ids
}

// assertUnreadableError: the SDK reports a page it cannot decode as a
// *smithy.DeserializationError, which is what isUnreadable looks for; this
// fails if the SDK (or moto) ever changes that.
func assertUnreadableError(t *testing.T, err error) {
	t.Helper()
	var de *smithy.DeserializationError
	if !errors.As(err, &de) || !isUnreadable(err) {
		t.Fatalf("the poisoned page gave %T %v, want a *smithy.DeserializationError", err, err)
	}
	var ae smithy.APIError
	if errors.As(err, &ae) || isDenied(err) {
		t.Fatalf("the poisoned page reads as an API error: %v", err)
	}
}

// TestImportUnreadableVPCAll: one VPC's Name tag makes DescribeVpcs
// unreadable for the whole region; import --all still brings in the other
// 13 of 14 VPCs (moto's default one included), each with its subnet, and
// names the lost VPC in a gap (in the result and the file's header).
func TestImportUnreadableVPCAll(t *testing.T) {
	l := newLab(t)
	ids := l.fleet(13, 6) // with moto's default VPC: 14
	_, err := l.ec2.DescribeVpcs(l.ctx, &ec2.DescribeVpcsInput{})
	assertUnreadableError(t, err)

	res, err := Import(l.ctx, l.ec2, Options{Region: testRegion, All: true})
	if err != nil {
		t.Fatalf("one unreadable VPC failed the import: %v", err)
	}
	var names []string
	for _, v := range res.Design.VPCs {
		names = append(names, v.Name)
		if v.Name != "default" && (len(v.Tiers) != 1 || len(v.Tiers[0].Subnets) != 1) {
			t.Errorf("VPC %s came in without its subnet: %+v", v.Name, v.Tiers)
		}
	}
	want := []string{"default"}
	for i := range 13 {
		if i != 6 {
			want = append(want, fmt.Sprintf("net-%02d", i+1))
		}
	}
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("imported %v, want %v", names, want)
	}
	assertUnreadableGap(t, res, "ec2:DescribeVpcs", ids[6], "")
	// The narrowing costs a few calls, not one per VPC: the listing, the
	// default groups, and halving 14 IDs down to the poisoned one.
	if res.Calls > 14*9+12 {
		t.Errorf("%d calls", res.Calls)
	}
}

// TestImportUnreadableVPCByID: the same VPC asked for by ID among others:
// the others come in, the lost one is a gap, not "no VPC".
func TestImportUnreadableVPCByID(t *testing.T) {
	l := newLab(t)
	ids := l.fleet(5, 2)
	_, err := l.ec2.DescribeVpcs(l.ctx, &ec2.DescribeVpcsInput{VpcIds: ids})
	assertUnreadableError(t, err)
	res, err := Import(l.ctx, l.ec2, Options{Region: testRegion, VPCIDs: ids})
	if err != nil {
		t.Fatalf("one unreadable VPC failed the import: %v", err)
	}
	var names []string
	for _, v := range res.Design.VPCs {
		names = append(names, v.Name)
	}
	if want := []string{"net-01", "net-02", "net-04", "net-05"}; !slices.Equal(names, want) {
		t.Errorf("imported %v, want %v in the order asked", names, want)
	}
	assertUnreadableGap(t, res, "ec2:DescribeVpcs", ids[2], "")
}

// TestImportUnreadableOnlyVPC: when nothing readable is left, the import
// fails with a CallError that names the call and says why, without the
// SDK's request details or the snapshot of the body.
func TestImportUnreadableOnlyVPC(t *testing.T) {
	l := newLab(t)
	ids := l.fleet(1, 0)
	_, err := Import(l.ctx, l.ec2, Options{Region: testRegion, VPCIDs: ids})
	var ce *CallError
	if !errors.As(err, &ce) || ce.Action != "ec2:DescribeVpcs" || !strings.Contains(ce.Message, "not valid XML") || !strings.Contains(ce.Message, "U+001B") {
		t.Fatalf("err = %v", err)
	}
	for _, leak := range []string{"RequestID", "ops", "\x1b", "https response error"} {
		if strings.Contains(err.Error(), leak) {
			t.Errorf("the error carries %q: %v", leak, err)
		}
	}
}

// TestImportUnreadableSubnets: a poisoned subnet makes its VPC's
// DescribeSubnets unreadable: that VPC comes in without tiers, with a gap
// naming it, and the other VPC is whole.
func TestImportUnreadableSubnets(t *testing.T) {
	l := newLab(t)
	a := l.vpc("shop", "10.70.0.0/16")
	l.poison(l.subnet(a, "", "us-east-1a", "10.70.0.0/24"))
	b := l.vpc("ledger", "10.71.0.0/16")
	l.subnet(b, "ledger-db-a", "us-east-1a", "10.71.0.0/24")
	res, err := Import(l.ctx, l.ec2, Options{Region: testRegion, VPCIDs: []string{a, b}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Design.VPCs) != 2 || len(res.Design.VPCs[0].Tiers) != 0 || len(res.Design.VPCs[1].Tiers) != 1 {
		t.Fatalf("design: %+v", res.Design.VPCs)
	}
	assertUnreadableGap(t, res, "ec2:DescribeSubnets", a, "shop")
}

// assertUnreadableGap: the result's only gap is action's unreadable answer
// for the VPC, reported in the gap's text and in the file's header.
func assertUnreadableGap(t *testing.T, res *Result, action, vpcID, vpcName string) {
	t.Helper()
	if !res.Partial() || len(res.Gaps) != 1 {
		t.Fatalf("gaps = %v, want one", res.Gaps)
	}
	g := res.Gaps[0]
	if g.Action != action || g.VPCID != vpcID || g.VPC != vpcName || !g.Unreadable || g.Effect == "" {
		t.Errorf("gap = %+v", g)
	}
	who := vpcID
	if vpcName != "" {
		who = vpcName + " (" + vpcID + ")"
	}
	line := action + " answered invalid XML for " + who + ": " + gapEffects[action]
	if !strings.Contains(g.String(), line) {
		t.Errorf("gap text %q lacks %q", g.String(), line)
	}
	file := string(res.File())
	if !strings.Contains(file, "# PARTIAL IMPORT: AWS denied these calls, or answered them in invalid XML:") || !strings.Contains(file, line) {
		t.Errorf("the header does not report the gap:\n%s", file)
	}
	if strings.Contains(file, "\x1b") {
		t.Errorf("the file carries a raw ESC")
	}
}
