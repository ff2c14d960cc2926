package importer

import "github.com/vpcsmith/vpcsmith/internal/cfndeploy"

// deployStack deploys a template into moto through cfndeploy, which makes
// through the EC2 API what moto's CloudFormation records but does not
// apply (IPv6, route-table and NACL associations, egress rules, peering
// acceptance, TGW attachments and tables; see internal/cfndeploy), and
// returns the physical IDs of its VPCs in logical-ID order.
func (l *lab) deployStack(name string, body []byte, params map[string]string) []string {
	l.t.Helper()
	tpl, err := cfndeploy.Parse(body)
	l.check(err)
	st, err := cfndeploy.Deploy(l.ctx, testConfig(l.url), name, tpl, params)
	l.check(err)
	var ids []string
	for _, id := range st.OfType("AWS::EC2::VPC") {
		ids = append(ids, st.ID(id))
	}
	return ids
}
