package design

import (
	"runtime"
	"sync"
)

// parallelVPCs is how many VPCs a design has before the decoder decodes
// them on several goroutines: below it, starting them costs more than it
// saves. An organisation-sized design (8,000 VPCs at 100k subnets) spends
// a third of its load in the decoder, which the VPCs share evenly.
const parallelVPCs = 256

// vpcs decodes the design's VPCs, in order. A large list is cut into
// contiguous chunks, each decoded by a decoder of its own (errors, anchors,
// slab); their results are then merged in document order, so that the
// design, its anchors and its errors (listed up to MaxLoadErrors, the rest
// counted) are those the serial decoder gives. Design files refuse YAML
// anchors and aliases, so no VPC's nodes are shared with another's; the
// tree and the key tables are only read.
func (dec *decoder) vpcs(nodes []*yamlNode) []VPC {
	chunks := min(dec.chunks, len(nodes))
	if chunks < 2 || len(nodes) < dec.parallelMin {
		out := sized[VPC](len(nodes))
		for _, n := range nodes {
			if v := dec.vpc(n); v != nil {
				out = append(out, *v)
			}
		}
		return out
	}
	subs := make([]decoder, chunks)
	parts := make([][]VPC, chunks)
	panics := make([]any, chunks)
	var wg sync.WaitGroup
	for i := range subs {
		sub := &subs[i]
		sub.file, sub.keepAnchors = dec.file, dec.keepAnchors
		part := nodes[i*len(nodes)/chunks : (i+1)*len(nodes)/chunks]
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A panic must reach ParseWithLimits's recover, which only
			// sees its own goroutine: it is raised again there.
			defer func() { panics[i] = recover() }()
			parts[i] = sub.vpcs(part)
		}()
	}
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
	out := make([]VPC, 0, len(nodes))
	for i := range subs {
		out = append(out, parts[i]...)
		dec.merge(&subs[i])
	}
	return out
}

// merge takes sub's errors and anchors after dec's own, as if dec had
// decoded what sub did. Errors sub listed past dec's limit are counted;
// those sub only counted came after every one it listed, so they are past
// the limit here too.
func (dec *decoder) merge(sub *decoder) {
	for _, e := range sub.errs {
		if dec.full() {
			dec.more++
		} else {
			dec.errs = append(dec.errs, e)
		}
	}
	dec.more += sub.more
	dec.anchors = append(dec.anchors, sub.anchors...)
}

// vpcChunks is how many chunks a large design's VPCs are decoded in.
func vpcChunks() int { return min(runtime.GOMAXPROCS(0), 8) }
