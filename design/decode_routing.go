package design

// The keys of the routing elements, in canonical order.
var (
	routeKeys         = []string{"to", "via", "azs"}
	flowLogKeys       = []string{"traffic", "destination"}
	networkACLKeys    = []string{"name", "ingress", "egress"}
	aclRuleKeys       = []string{"rule", "action", "protocol", "ports", "cidr"}
	tgwRouteTableKeys = []string{"name", "associations", "propagations", "routes"}
	tgwRouteKeys      = []string{"to", "via"}
	attachmentKeys    = []string{"vpc", "tier"}
)

// flowLogs reads `flow_logs`: true/false, or a mapping of options, which
// means the flow log is on.
func (dec *decoder) flowLogs(f *fields) (bool, *FlowLogOptions) {
	n, ok := f.get("flow_logs")
	if !ok {
		return false, nil
	}
	if n.Kind != kindMapping {
		return f.boolean("flow_logs"), nil
	}
	of := dec.mapping(n, "flow_logs", flowLogKeys)
	if of == nil {
		return false, nil
	}
	return true, &FlowLogOptions{
		Traffic:     enum(of, "traffic", FlowLogTraffics),
		Destination: enum(of, "destination", FlowLogDestinations),
		src:         of.src,
	}
}

// routes reads a tier's `routes`; nil when the key is absent, so that the
// table is derived, and non-nil (maybe empty) when it is written.
func (dec *decoder) routes(f *fields) []Route {
	if !f.present("routes") {
		return nil
	}
	if n, _ := f.get("routes"); n.Kind == kindNull {
		dec.fail(f.src.at("routes"), "write `routes: []` for a table with only the local route, or remove the key to derive the routes from the tier's kind", "routes has no value")
	}
	items := f.list("routes")
	out := make([]Route, 0, len(items))
	for _, rn := range items {
		rf := dec.mapping(rn, "a route", routeKeys)
		if rf == nil {
			continue
		}
		rf.require("to", "via")
		out = append(out, Route{To: rf.str("to"), Via: rf.str("via"), AZs: rf.strList("azs"), src: rf.src})
	}
	return out
}

func (dec *decoder) networkACL(n *yamlNode) *NetworkACL {
	f := dec.mapping(n, "a network ACL", networkACLKeys)
	if f == nil {
		return nil
	}
	f.require("name")
	return &NetworkACL{Name: f.str("name"), Ingress: dec.aclRules(f, "ingress"), Egress: dec.aclRules(f, "egress"), src: f.src}
}

func (dec *decoder) aclRules(f *fields, key string) []ACLRule {
	if !f.present(key) {
		return nil
	}
	items := f.list(key)
	out := make([]ACLRule, 0, len(items))
	for _, rn := range items {
		rf := dec.mapping(rn, "a network ACL rule", aclRuleKeys)
		if rf == nil {
			continue
		}
		rf.require("rule", "action", "cidr")
		r := ACLRule{Rule: rf.integer("rule"), Action: enum(rf, "action", ACLActions), Ports: rf.str("ports"), CIDR: rf.str("cidr"), src: rf.src}
		if _, ok := rf.get("protocol"); ok {
			r.Protocol = enum(rf, "protocol", protocols)
		}
		out = append(out, r)
	}
	return out
}

// transitGatewayKeys reads the keys only a transit gateway takes (the kind
// check in connection has already refused them on other kinds).
func (dec *decoder) transitGatewayKeys(f *fields, c *Connection) {
	c.DefaultAssociation = f.optionalBool("default_association")
	c.DefaultPropagation = f.optionalBool("default_propagation")
	for _, an := range f.list("attachments") {
		af := dec.mapping(an, "an attachment", attachmentKeys)
		if af == nil {
			continue
		}
		af.require("vpc", "tier")
		c.Attachments = append(c.Attachments, TGWAttachment{VPC: af.str("vpc"), Tier: af.str("tier"), src: af.src})
	}
	for _, tn := range f.list("route_tables") {
		tf := dec.mapping(tn, "a transit gateway route table", tgwRouteTableKeys)
		if tf == nil {
			continue
		}
		tf.require("name")
		rt := TGWRouteTable{Name: tf.str("name"), Associations: tf.strList("associations"), Propagations: tf.strList("propagations"), src: tf.src}
		for _, rn := range tf.list("routes") {
			rf := dec.mapping(rn, "a transit gateway route", tgwRouteKeys)
			if rf == nil {
				continue
			}
			rf.require("to", "via")
			rt.Routes = append(rt.Routes, TGWRoute{To: rf.str("to"), Via: rf.str("via"), src: rf.src})
		}
		c.RouteTables = append(c.RouteTables, rt)
	}
}

// optionalBool reads a true/false value that may be absent (nil).
func (f *fields) optionalBool(key string) *bool {
	if !f.present(key) {
		return nil
	}
	b := f.boolean(key)
	return &b
}
