/**
 * The cluster as one Mesos offer shows it to a framework: only the offered agent is a candidate
 * (ready); everything else reads through to the real cluster, so filters such as Marathon's
 * constraints still count the framework's running tasks everywhere. The offer scheduler runs the
 * placement profile on this view, so filters, scores and `explain` traces work unchanged.
 *
 * One view is reused for every offer (`offer(agent)` retargets it); nothing is allocated.
 */
import { ForwardingView, type ClusterView, type NodeId } from '../model/index.js'

export class OfferView extends ForwardingView {
  private agent = -1

  /** This view, showing only `agent` as a candidate. */
  offer(agent: NodeId): ClusterView {
    this.agent = agent
    return this
  }

  override get readyNodes(): number { return this.agent >= 0 && this.base.isReady(this.agent as NodeId) ? 1 : 0 }
  override isReady(n: NodeId): boolean { return n === this.agent && this.base.isReady(n) }
}
