package importer

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpcsmith/vpcsmith/design"
)

// flowLogs reports whether the VPC has a flow log and, when it records
// only accepted or rejected traffic or delivers to S3, its options
// (`flow_logs: {traffic, destination}`). Flow logs on single subnets or
// interfaces are not seen (the call asks for the VPC's). A VPC with several
// flow logs is written with the one that records the most (all, else the
// first), and the others are noted.
func (vb *vpcBuilder) flowLogs() (bool, *design.FlowLogOptions) {
	var logs []types.FlowLog
	for _, l := range vb.data.flowLogs {
		if deref(l.ResourceId) == vb.data.id() {
			logs = append(logs, l)
		}
	}
	if len(logs) == 0 {
		return false, nil
	}
	pick := 0
	for i, l := range logs {
		if l.TrafficType == types.TrafficTypeAll || l.TrafficType == "" {
			pick = i
			break
		}
	}
	for i, l := range logs {
		// One that records the same to the same kind of place loses nothing.
		if i != pick && (l.TrafficType != logs[pick].TrafficType || l.LogDestinationType != logs[pick].LogDestinationType) {
			vb.note(cleanText(deref(l.FlowLogId)), false, "another flow log of the VPC (%s traffic to %s): the format has one per VPC, so it is left out", strings.ToLower(string(l.TrafficType)), cleanText(string(l.LogDestinationType)))
		}
	}
	l := logs[pick]
	opts := &design.FlowLogOptions{}
	switch l.TrafficType {
	case types.TrafficTypeAccept:
		opts.Traffic = design.FlowLogAccept
	case types.TrafficTypeReject:
		opts.Traffic = design.FlowLogReject
	}
	switch l.LogDestinationType {
	case types.LogDestinationTypeS3:
		opts.Destination = design.FlowLogS3
	case types.LogDestinationTypeKinesisDataFirehose:
		vb.note(cleanText(deref(l.FlowLogId)), false, "flow log delivers to Kinesis Data Firehose, which the format cannot say: written as CloudWatch Logs")
	}
	if *opts == (design.FlowLogOptions{}) {
		return true, nil // `flow_logs: true`
	}
	return true, opts
}
