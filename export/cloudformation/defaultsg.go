package cloudformation

// defaultGroupNote is what every template says about the VPCs' default
// security groups. CDK's restrictDefaultSecurityGroup revokes their rules
// with a Lambda-backed custom resource: CloudFormation itself cannot
// remove a rule it did not create. This exporter leaves that out, for
// reasons docs/export.md gives in full: a Lambda function is code to ship,
// patch and grant ec2:Revoke* to, in a template that is otherwise pure
// network; it cannot deploy into the offline emulator the exports are
// proven in (moto runs Lambda functions in Docker); and it brings the
// Lambda checks (dead-letter queue, concurrency, VPC placement) into every
// export. No resource of the template uses a default group (every
// interface endpoint and load balancer names its own), so the rules left
// open reach nothing the template makes; the note gives the two commands
// that close them, as the CIS benchmark (EC2.2) asks.
const defaultGroupNote = "each VPC's default security group keeps AWS's rules (all traffic from its own members, all egress): CloudFormation cannot revoke them without a Lambda-backed custom resource (CDK's restrictDefaultSecurityGroup), which this template leaves out (docs/export.md says why); no resource of the template uses it. Close it after deploying: G=$(aws ec2 describe-security-groups --filters Name=vpc-id,Values=<the VpcId output> Name=group-name,Values=default --query 'SecurityGroups[0].GroupId' --output text); aws ec2 revoke-security-group-ingress --group-id $G --ip-permissions \"IpProtocol=-1,UserIdGroupPairs=[{GroupId=$G}]\"; aws ec2 revoke-security-group-egress --group-id $G --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]' (and, in a dual-stack VPC, 'IpProtocol=-1,Ipv6Ranges=[{CidrIpv6=::/0}]')"

// noteDefaultGroups adds defaultGroupNote to the template's notes.
func (b *builder) noteDefaultGroups() { b.notes = append(b.notes, defaultGroupNote) }
