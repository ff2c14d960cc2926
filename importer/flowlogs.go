package importer

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// flowLogs reports whether the VPC has a flow log. Flow logs on single
// subnets or interfaces are not seen (the call asks for the VPC's); a flow
// log that captures only part of the traffic is noted.
func (vb *vpcBuilder) flowLogs() bool {
	on := false
	for _, l := range vb.data.flowLogs {
		if deref(l.ResourceId) != vb.data.id() {
			continue
		}
		on = true
		if l.TrafficType != "" && l.TrafficType != types.TrafficTypeAll {
			vb.note(cleanText(deref(l.FlowLogId)), false, "flow log captures %s traffic only; flow_logs: true means all", strings.ToLower(string(l.TrafficType)))
		}
	}
	return on
}
