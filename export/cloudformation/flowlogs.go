package cloudformation

import (
	"strings"

	"github.com/vpcsmith/vpcsmith/design"
)

// retentionDays are the values CloudWatch Logs accepts for a log group's
// retention.
var retentionDays = []any{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// defaultRetentionDays keeps flow logs for a quarter: long enough to look
// back on an incident, short enough not to grow without bound.
const defaultRetentionDays = 90

// emitFlowLog adds a VPC's flow log, recording the traffic its options say
// (all by default). To CloudWatch Logs it goes to its own log group, whose
// retention is a parameter (one for the template), since how long to keep
// logs is the deployer's policy, not the network design's. To S3 it goes
// to a bucket of its own (flowLogBucket), which needs no IAM role: the
// Flow Logs service writes to it under the bucket policy AWS adds.
func (b *builder) emitFlowLog(p *vpcPlan) {
	if !p.v.FlowLogs {
		return
	}
	traffic := strings.ToUpper(string(p.v.FlowLogTrafficType()))
	if p.v.FlowLogDestinationType() == design.FlowLogS3 {
		bucket := b.flowLogBucket(p)
		b.add(b.ids.make(p.v.Name, "FlowLog"), resource{typ: "AWS::EC2::FlowLog", props: object{
			{"ResourceType", "VPC"},
			{"ResourceId", ref(p.id)},
			{"TrafficType", traffic},
			{"LogDestinationType", "s3"},
			{"LogDestination", getAtt(bucket, "Arn")},
			{"Tags", tags(p.v.Name + "-flow-log")},
		}})
		return
	}
	if b.retentionParam == "" {
		b.retentionParam = b.param(b.ids.make("FlowLogRetentionDays"), object{
			{"Type", "Number"},
			{"Default", defaultRetentionDays},
			{"AllowedValues", retentionDays},
			{"Description", "Days to keep VPC flow logs in CloudWatch Logs"},
		})
		b.flowLogRole = b.ids.make("FlowLogRole")
		b.notes = append(b.notes, "the template creates an IAM role for flow logs: deploy it with --capabilities CAPABILITY_IAM")
	}
	group := b.ids.make(p.v.Name, "FlowLogGroup")
	b.flowLogGroups = append(b.flowLogGroups, group)
	// Retained, like the S3 destination: deleting or replacing the network
	// must not delete the record of its traffic (cfn-lint I3011); the
	// retention parameter still bounds how long it is kept.
	b.add(group, resource{typ: "AWS::Logs::LogGroup", retain: true, props: object{
		{"RetentionInDays", ref(b.retentionParam)},
		{"Tags", tags(p.v.Name + "-flow-logs")},
	}})
	b.add(b.ids.make(p.v.Name, "FlowLog"), resource{typ: "AWS::EC2::FlowLog", props: object{
		{"ResourceType", "VPC"},
		{"ResourceId", ref(p.id)},
		{"TrafficType", traffic},
		{"LogDestinationType", "cloud-watch-logs"},
		{"LogGroupName", ref(group)},
		{"DeliverLogsPermissionArn", getAtt(b.flowLogRole, "Arn")},
		{"Tags", tags(p.v.Name + "-flow-log")},
	}})
}

// flowLogBucket adds the S3 bucket of a VPC's flow logs: encrypted, closed
// to the public, and kept when the stack is deleted (the logs are the
// record of what the network did, and a bucket with objects in it cannot
// be deleted by CloudFormation anyway).
func (b *builder) flowLogBucket(p *vpcPlan) string {
	id := b.ids.make(p.v.Name, "FlowLogBucket")
	b.add(id, resource{typ: "AWS::S3::Bucket", retain: true, props: object{
		{"BucketEncryption", object{{"ServerSideEncryptionConfiguration", []any{
			object{{"ServerSideEncryptionByDefault", object{{"SSEAlgorithm", "AES256"}}}},
		}}}},
		{"PublicAccessBlockConfiguration", object{
			{"BlockPublicAcls", true},
			{"BlockPublicPolicy", true},
			{"IgnorePublicAcls", true},
			{"RestrictPublicBuckets", true},
		}},
		{"OwnershipControls", object{{"Rules", []any{object{{"ObjectOwnership", "BucketOwnerEnforced"}}}}}},
		{"Tags", tags(p.v.Name + "-flow-logs")},
	}})
	return id
}

// emitFlowLogRole adds the one role the VPC Flow Logs service assumes to
// write to this template's log groups, and to nothing else.
func (b *builder) emitFlowLogRole() {
	if b.flowLogRole == "" {
		return
	}
	groups := make([]any, len(b.flowLogGroups))
	for i, g := range b.flowLogGroups {
		groups[i] = getAtt(g, "Arn")
	}
	b.add(b.flowLogRole, resource{typ: "AWS::IAM::Role", props: object{
		{"Description", "Lets VPC Flow Logs write to the flow log groups of this stack"},
		{"AssumeRolePolicyDocument", object{
			{"Version", "2012-10-17"},
			{"Statement", []any{object{
				{"Effect", "Allow"},
				{"Principal", object{{"Service", "vpc-flow-logs.amazonaws.com"}}},
				{"Action", "sts:AssumeRole"},
				// Only for this account's flow logs (the confused-deputy guard).
				{"Condition", object{{"StringEquals", object{{"aws:SourceAccount", ref("AWS::AccountId")}}}}},
			}}},
		}},
		{"Policies", []any{object{
			{"PolicyName", "write-flow-logs"},
			{"PolicyDocument", object{
				{"Version", "2012-10-17"},
				{"Statement", []any{
					object{
						{"Effect", "Allow"},
						{"Action", []any{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"}},
						{"Resource", groups},
					},
					object{
						{"Effect", "Allow"},
						{"Action", "logs:DescribeLogGroups"},
						{"Resource", "*"},
					},
				}},
			}},
		}}},
		{"Tags", tags("flow-logs")},
	}})
}
