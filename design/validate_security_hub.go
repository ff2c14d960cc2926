package design

import (
	"fmt"
	"strings"
)

func init() {
	securityChecks = append(securityChecks, checkSecurityHubWorldIngress, checkSecurityHubVPCs)
}

// The AWS Security Hub controls (Foundational Security Best Practices)
// that a design shows before it is deployed. Security Hub judges deployed
// resources; these findings say which controls the design would fail.

// securityHubEC2_18Authorized are the TCP ports control EC2.18 lets the
// whole internet reach with its default parameter (authorizedTcpPorts
// 80,443); it authorizes no UDP port by default.
var securityHubEC2_18Authorized = map[int]bool{80: true, 443: true}

// instanceWorkloads are the workload kinds that run on instances which take
// the public address a public subnet assigns (EC2.15). Load balancers and
// NAT gateways get their own addresses; Lambda functions never get one.
var instanceWorkloads = map[WorkloadKind]bool{"ec2": true, "ecs": true, "eks": true}

// checkSecurityHubWorldIngress: EC2.13 (SSH), EC2.14 (RDP), EC2.19 (the
// high-risk ports) and EC2.18 (anything but TCP 80 and 443) open to the
// whole internet. Like the controls, it reads TCP, UDP and all-protocol
// rules; ICMP has no ports.
func checkSecurityHubWorldIngress(v *validator) {
	for _, r := range lintRules(v.d) {
		if !r.worldIngress() || r.proto == "icmp" {
			continue
		}
		g, pos := r.group, r.rule.Pos("ports")
		if r.proto == "all" {
			pos = r.rule.Pos("protocol")
		}
		if r.ports.Contains(22) {
			v.add(Error, "securityhub-ec2-13", r.path, pos, "security group %s lets the whole internet reach SSH (%s; Security Hub EC2.13): allow a bastion's or an office's address, or use Session Manager", g.Name, r.portsText())
		}
		if r.ports.Contains(3389) {
			v.add(Error, "securityhub-ec2-14", r.path, pos, "security group %s lets the whole internet reach RDP (%s; Security Hub EC2.14): allow an office's address, or use Fleet Manager", g.Name, r.portsText())
		}
		if risky := highRiskPorts(r.ports); len(risky) > 0 {
			v.add(Error, "securityhub-ec2-19", r.path, pos, "security group %s lets the whole internet reach high-risk ports %s (%s; Security Hub EC2.19): restrict the source to the clients that need them", g.Name, risky, r.portsText())
		}
		if !authorizedForWorld(r) {
			v.add(Warning, "securityhub-ec2-18", r.path, pos, "security group %s lets the whole internet reach %s, and Security Hub EC2.18 authorizes only TCP 80 and 443 by default: restrict the source, or narrow the rule to those ports", g.Name, r.portsText())
		}
	}
}

// authorizedForWorld reports whether EC2.18, with its default parameters,
// accepts a world-open rule: TCP to port 80 or to port 443.
func authorizedForWorld(r *lintRule) bool {
	return r.proto == "tcp" && !r.ports.All && r.ports.From == r.ports.To && securityHubEC2_18Authorized[r.ports.From]
}

// highRiskPorts lists the EC2.19 ports in r, shortened past six.
func highRiskPorts(r PortRange) string {
	var in []string
	for _, p := range securityHubEC2_19Ports {
		if r.Contains(p) {
			in = append(in, fmt.Sprint(p))
		}
	}
	if len(in) > 6 {
		return strings.Join(in[:6], ", ") + fmt.Sprintf(" and %d more", len(in)-6)
	}
	return strings.Join(in, ", ")
}

// checkSecurityHubVPCs: EC2.6 (flow logs), EC2.2 (a group posing as the
// default group) and EC2.15 (instances in subnets that assign public
// addresses).
func checkSecurityHubVPCs(v *validator) {
	for i := range v.d.VPCs {
		vpc := &v.d.VPCs[i]
		if !vpc.FlowLogs {
			v.add(Warning, "securityhub-ec2-6", vpcPath(vpc), vpc.Pos("flow_logs"), "VPC %s has no flow log, so Security Hub EC2.6 fails for it: set `flow_logs: true` (the export logs all traffic, which includes the rejected traffic the control asks for)", vpc.Name)
		}
		for gi := range vpc.SecurityGroups {
			g := &vpc.SecurityGroups[gi]
			if strings.EqualFold(g.Name, "default") {
				v.add(Warning, "securityhub-ec2-2", sgPath(vpc, g), g.Pos("name"), "security group %s of VPC %s is exported as an ordinary group, not as the VPC's default group, which keeps AWS's rules (all traffic from itself, all outbound) that Security Hub EC2.2 flags until they are removed: rename this group so it is not mistaken for the default group", g.Name, vpc.Name)
			}
		}
		for wi := range vpc.Workloads {
			w := &vpc.Workloads[wi]
			t := vpc.FindTier(w.Tier)
			if t == nil || t.Kind != TierPublic || !instanceWorkloads[w.Kind] {
				continue
			}
			v.add(Warning, "securityhub-ec2-15", vpcPath(vpc)+".workloads."+nameOrIndex(w.Name), w.Pos("tier"), "workload %s (%s) is in public tier %s, whose subnets give every instance launched there a public IPv4 address (the auto-assignment Security Hub EC2.15 flags): move it to a private tier behind a load balancer", w.Name, w.Kind, t.Name)
		}
	}
}
