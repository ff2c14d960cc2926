package design

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// MaxTrafficGB bounds every traffic assumption: 1,000,000,000 GB a month
// (about 931 PB, some 400 times what the largest published AWS customers
// move). Bounded values keep every cost figure far inside int64 cents, so
// totals stay exact sums instead of overflowing into a negative bill.
const MaxTrafficGB = 1_000_000_000

// MaxPublicIPv4 bounds a workload's public_ipv4: a /16 of addresses, more
// than an account's default Elastic IP and instance quotas allow.
const MaxPublicIPv4 = 65_536

// trafficField is one key of `traffic` with the field it fills.
type trafficField struct {
	key string
	get func(*Traffic) *float64
}

// trafficFields lists the traffic keys in canonical order; decoding,
// marshalling and validation all read it, so a key is added in one place.
var trafficFields = []trafficField{
	{"internet_egress_gb", func(t *Traffic) *float64 { return &t.InternetEgressGB }},
	{"internet_ingress_gb", func(t *Traffic) *float64 { return &t.InternetIngressGB }},
	{"s3_gb", func(t *Traffic) *float64 { return &t.S3GB }},
	{"endpoint_gb", func(t *Traffic) *float64 { return &t.EndpointGB }},
	{"transit_gateway_gb", func(t *Traffic) *float64 { return &t.TransitGatewayGB }},
	{"peering_gb", func(t *Traffic) *float64 { return &t.PeeringGB }},
	{"on_premises_ingress_gb", func(t *Traffic) *float64 { return &t.OnPremisesIngressGB }},
	{"cross_az_gb", func(t *Traffic) *float64 { return &t.CrossAZGB }},
	{"flow_logs_gb", func(t *Traffic) *float64 { return &t.FlowLogsGB }},
}

var trafficKeys = func() []string {
	out := make([]string, len(trafficFields))
	for i, f := range trafficFields {
		out[i] = f.key
	}
	return out
}()

// TrafficKeys lists the keys of `traffic`, in canonical order.
func TrafficKeys() []string { return append([]string(nil), trafficKeys...) }

// SetTrafficValue sets one traffic key and reports whether it is one.
func (t *Traffic) SetTrafficValue(key string, v float64) bool {
	for _, f := range trafficFields {
		if f.key == key {
			*f.get(t) = v
			return true
		}
	}
	return false
}

// TrafficValue returns the value of one traffic key (0 for an unknown key).
func (t *Traffic) TrafficValue(key string) float64 {
	for _, f := range trafficFields {
		if f.key == key {
			return *f.get(t)
		}
	}
	return 0
}

func (dec *decoder) traffic(n *yamlNode) *Traffic {
	tf := dec.mapping(n, "traffic", trafficKeys)
	if tf == nil {
		return nil
	}
	t := &Traffic{src: tf.src}
	for _, f := range trafficFields {
		*f.get(t) = tf.gb(f.key)
	}
	return t
}

// exponentForm is a number written with an exponent and no dot (1e308),
// which goccy's scanner leaves as a string while reading 1.79e308 as a
// float: both are numbers here, so the bound treats them alike.
var exponentForm = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(\.[0-9_]*)?[eE][-+]?[0-9]+$`)

// gb reads a traffic value: a number of GB, at most MaxTrafficGB. A value
// over the bound is a load error naming it, so a typo of a few zeros never
// reaches the estimate as an overflowing figure.
func (f *fields) gb(key string) float64 {
	n, ok := f.get(key)
	if !ok {
		return 0
	}
	written := n.Tok
	var x float64
	if n.Kind == kindString && exponentForm.MatchString(n.Text) {
		written = n.Text
		x, _ = strconv.ParseFloat(strings.ReplaceAll(written, "_", ""), 64) // ±Inf past float64: over the bound
	} else if x = f.number(key); x == 0 {
		return 0 // 0, or not a number (number reported it)
	}
	if x > MaxTrafficGB {
		f.dec.fail(n.Pos, "write at most "+groupDigits(MaxTrafficGB)+" GB a month (the bound keeps every cost figure exact)",
			"%s in %s is %s GB, over the bound of %s GB a month", key, f.what, written, groupDigits(MaxTrafficGB))
		return 0
	}
	return x
}

func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// marshalTraffic writes t's keys: those that are set, and those the file
// wrote at 0.
func marshalTraffic(t *Traffic) *ynode {
	tm := newMap(t.src, trafficKeys)
	for _, f := range trafficFields {
		if v := *f.get(t); v != 0 || t.src.has(f.key) {
			tm.add(f.key, &ynode{scalar: strconv.FormatFloat(v, 'f', -1, 64)})
		}
	}
	return tm.done(false)
}

func checkTraffic(v *validator) {
	for i := range v.d.VPCs {
		vpc := &v.d.VPCs[i]
		for wi := range vpc.Workloads {
			w := &vpc.Workloads[wi]
			if w.PublicIPv4 < 0 || w.PublicIPv4 > MaxPublicIPv4 {
				v.add(Error, "traffic-invalid", vpcPath(vpc)+".workloads."+nameOrIndex(w.Name), w.Pos("public_ipv4"), "public_ipv4 of workload %s is %d; it is a count of public IPv4 addresses, 0 to %d", w.Name, w.PublicIPv4, MaxPublicIPv4)
			}
		}
		t := vpc.Traffic
		if t == nil {
			continue
		}
		for _, f := range trafficFields {
			// The design may come from the designer or the importer, not a
			// file: the bound is checked here too.
			if gb := *f.get(t); gb < 0 || gb > MaxTrafficGB || gb != gb {
				v.add(Error, "traffic-invalid", vpcPath(vpc)+".traffic", t.Pos(f.key), "%s of VPC %s is %s; traffic is a number of GB per month, 0 or more and at most %s", f.key, vpc.Name, fmt.Sprint(gb), groupDigits(MaxTrafficGB))
			}
		}
	}
}
