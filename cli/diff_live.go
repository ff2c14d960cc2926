package cli

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
	"github.com/vpcsmith/vpcsmith/importer"
)

// runDiffLive compares file (OLD) with what is deployed (NEW): the VPCs
// the design describes, imported read-only as `vpcsmith import` does.
func runDiffLive(ctx context.Context, s Streams, opts *diffOptions, file string) error {
	d, err := loadDesign(file)
	if err != nil {
		return reportLoadError(s, file, err)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	// The header `vpcsmith import` writes records each VPC's ID; a design
	// without one (drawn, then deployed) matches by name and CIDR. An
	// unreadable file was loaded above, so this second read only fails in
	// a race, and then there are simply no recorded IDs.
	data, _ := os.ReadFile(file)
	recorded := recordedVPCIDs(data)
	client, region, err := importer.NewClient(ctx, importer.ClientConfig{Region: opts.region, Profile: opts.profile})
	if err != nil {
		return withCode(ExitUsage, err)
	}
	var ids []string
	all := false
	for _, v := range d.VPCs {
		if id, ok := recorded[v.Name]; ok {
			ids = append(ids, id)
		} else {
			all = true
		}
	}
	iopts := importer.Options{Region: region, VPCIDs: ids}
	if all || len(ids) == 0 {
		iopts = importer.Options{Region: region, All: true}
	}
	progress := newProgressLine(s.Err)
	iopts.Progress = progress.update
	res, err := importer.Import(ctx, client, iopts)
	progress.done()
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("import from %s: %w", region, err))
	}
	live, notes := matchLive(d, res, recorded)
	for _, g := range res.Gaps {
		notes = append(notes, "partial: "+g.String())
	}
	err = writeDiff(s, opts, file, "aws:"+region, d, live, notes)
	if res.Partial() {
		if exitCodeOf(err) == ExitUsage {
			return err
		}
		return silentExit(ExitPartial)
	}
	return err
}

// importHeaderVPC is a line of the import's header: "#   NAME: vpc-…[; AZ IDs …]".
var importHeaderVPC = regexp.MustCompile(`^#\s+(.+?): (vpc-[0-9a-f]{8,17})(?:;|$)`)

// recordedVPCIDs reads the VPC IDs from the comment block heading a file
// that `vpcsmith import` wrote (importer.Result.Header).
func recordedVPCIDs(data []byte) map[string]string {
	ids := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if !strings.HasPrefix(line, "#") {
			break
		}
		if m := importHeaderVPC.FindStringSubmatch(line); m != nil {
			ids[m[1]] = m[2]
		}
	}
	return ids
}

// matchLive pairs the design's VPCs with the imported ones (the recorded
// ID, else the same name and CIDR, else the only unmatched VPC with that
// CIDR), renames each imported VPC to its design name, and keeps only
// them and the connections among them: VPCs in the region that the design
// does not describe are someone else's, not drift. Notes say what was
// matched how, and which of the design's VPCs were not found.
func matchLive(d *design.Design, res *importer.Result, recorded map[string]string) (*design.Design, []string) {
	live := res.Design
	byID := map[string]int{}
	for i, v := range res.VPCs {
		byID[v.ID] = i
	}
	taken := make([]bool, len(live.VPCs))
	rename := map[string]string{} // imported name → design name
	var notes []string
	pick := func(v *design.VPC, i int, how string) {
		taken[i] = true
		rename[live.VPCs[i].Name] = v.Name
		notes = append(notes, fmt.Sprintf("%s is %s (%s)", v.Name, res.VPCs[i].ID, how))
	}
	for vi := range d.VPCs {
		v := &d.VPCs[vi]
		if id, ok := recorded[v.Name]; ok {
			if i, ok := byID[id]; ok && !taken[i] {
				pick(v, i, "recorded at import")
				continue
			}
		}
		found := -1
		for i := range live.VPCs {
			if !taken[i] && live.VPCs[i].Name == v.Name && live.VPCs[i].CIDR == v.CIDR {
				found = i
				break
			}
		}
		how := "Name tag and CIDR"
		if found < 0 {
			how = "CIDR"
			for i := range live.VPCs {
				if !taken[i] && live.VPCs[i].CIDR == v.CIDR {
					if found >= 0 {
						found = -2 // two candidates: not a match
						break
					}
					found = i
				}
			}
		}
		if found >= 0 {
			pick(v, found, how)
		} else {
			notes = append(notes, fmt.Sprintf("%s: no deployed VPC matches it (no recorded ID, and no VPC named so with CIDR %s)", v.Name, v.CIDR))
		}
	}
	out := &design.Design{Version: live.Version, Name: d.Name, Description: d.Description, Region: live.Region, Networks: live.Networks}
	if out.Region != d.Region {
		// The design's region is its VPCs' default; each imported VPC is
		// in the region read, so only a real difference shows.
		out.Region = d.Region
	}
	assumed := map[string]*design.VPC{}
	for i := range d.VPCs {
		assumed[d.VPCs[i].Name] = &d.VPCs[i]
	}
	for i := range live.VPCs {
		if taken[i] {
			v := live.VPCs[i]
			v.Name = rename[v.Name]
			// What runs in a tier and the traffic figures are the design's
			// assumptions, which no Describe call shows: they are carried
			// over, so that only the network is compared.
			v.Workloads, v.Traffic = assumed[v.Name].Workloads, assumed[v.Name].Traffic
			if v.Region == "" && live.Region != d.Region {
				v.Region = live.Region
			}
			out.VPCs = append(out.VPCs, v)
		}
	}
	for _, c := range live.Connections {
		if c, ok := renameConnection(c, rename); ok {
			out.Connections = append(out.Connections, c)
		}
	}
	for i := range out.VPCs {
		for j := range out.VPCs[i].Tiers {
			for k := range out.VPCs[i].Tiers[j].Routes {
				r := &out.VPCs[i].Tiers[j].Routes[k]
				r.To = renameMember(r.To, rename)
			}
		}
	}
	if len(out.VPCs) > 0 {
		notes = append(notes, "workloads and traffic figures are the design's assumptions, not read from AWS: they are not compared")
	}
	return out, notes
}

// renameConnection rewrites a connection's VPC names to the design's; ok
// is false when it joins a VPC the design does not describe.
func renameConnection(c design.Connection, rename map[string]string) (design.Connection, bool) {
	ok := true
	name := func(n string) string {
		if n == "" {
			return n
		}
		m, found := rename[n]
		if !found {
			ok = false
		}
		return m
	}
	vpcs := make([]string, len(c.VPCs))
	for i, v := range c.VPCs {
		vpcs[i] = name(v)
	}
	c.VPCs = vpcs
	c.VPC, c.Provider, c.Consumer = name(c.VPC), name(c.Provider), name(c.Consumer)
	atts := make([]design.TGWAttachment, len(c.Attachments))
	for i, a := range c.Attachments {
		atts[i] = design.TGWAttachment{VPC: name(a.VPC), Tier: a.Tier}
	}
	c.Attachments = atts
	tables := make([]design.TGWRouteTable, len(c.RouteTables))
	for i, t := range c.RouteTables {
		nt := design.TGWRouteTable{Name: t.Name}
		for _, a := range t.Associations {
			nt.Associations = append(nt.Associations, renameMember(a, rename))
		}
		for _, p := range t.Propagations {
			nt.Propagations = append(nt.Propagations, renameMember(p, rename))
		}
		for _, r := range t.Routes {
			nt.Routes = append(nt.Routes, design.TGWRoute{To: renameMember(r.To, rename), Via: renameMember(r.Via, rename)})
		}
		tables[i] = nt
	}
	c.RouteTables = tables
	return c, ok
}

// renameMember rewrites "vpc:NAME" to the design's name of the VPC.
func renameMember(s string, rename map[string]string) string {
	if n, ok := strings.CutPrefix(s, "vpc:"); ok {
		if m, ok := rename[n]; ok {
			return "vpc:" + m
		}
	}
	return s
}
