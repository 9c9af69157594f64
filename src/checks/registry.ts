// The explicit, sorted list of checks. Checks never import the registry.
import type { AnyCheck } from './check-api.js';
import arpDirectorAsksAsVip from './arp/director-asks-as-vip.js';
import arpVipAnnouncedByNonDirector from './arp/vip-announced-by-non-director.js';
import arpVipAnsweredByNonDirector from './arp/vip-answered-by-non-director.js';
import arpVipOwnerChanged from './arp/vip-owner-changed.js';
import arpVipUnresolved from './arp/vip-unresolved.js';
import captureClockOffset from './capture/clock-offset.js';
import captureEmpty from './capture/empty.js';
import captureMergedVantages from './capture/merged-vantages.js';
import captureMissingVantage from './capture/missing-vantage.js';
import captureNoLinkAddresses from './capture/no-link-addresses.js';
import captureTruncated from './capture/truncated.js';
import captureVipTrafficMissing from './capture/vip-traffic-missing.js';
import forwardHeaderRewritten from './forward/header-rewritten.js';
import forwardIcmpFromDirector from './forward/icmp-from-director.js';
import forwardLoop from './forward/loop.js';
import forwardNotForwarded from './forward/not-forwarded.js';
import forwardRsChangedMidConnection from './forward/rs-changed-mid-connection.js';
import forwardTunnelRejected from './forward/tunnel-rejected.js';
import forwardTunnelSourceVip from './forward/tunnel-source-vip.js';
import ndVipAdvertisedByNonDirector from './nd/vip-advertised-by-non-director.js';
import ndVipUnresolved from './nd/vip-unresolved.js';
import portRemapped from './port/remapped.js';
import returnReplyLost from './return/reply-lost.js';
import returnSourceNotVip from './return/source-not-vip.js';
import returnViaDirector from './return/via-director.js';
import schedPersistenceBroken from './sched/persistence-broken.js';
import schedUnknownRealServer from './sched/unknown-real-server.js';
import schedWeightMismatch from './sched/weight-mismatch.js';
import schedZeroWeightUsed from './sched/zero-weight-used.js';
import serviceHealthCheckBlind from './service/health-check-blind.js';
import serviceRefusedByDirector from './service/refused-by-director.js';
import serviceRefusedByRs from './service/refused-by-rs.js';
import serviceResetByDirector from './service/reset-by-director.js';
import serviceServedByDirector from './service/served-by-director.js';
import serviceUnanswered from './service/unanswered.js';
import serviceUnansweredAtRs from './service/unanswered-at-rs.js';
import vrrpBadAdvert from './vrrp/bad-advert.js';
import vrrpMultipleMasters from './vrrp/multiple-masters.js';
import vrrpNoConnectionSync from './vrrp/no-connection-sync.js';
import vrrpNoGarpAfterTakeover from './vrrp/no-garp-after-takeover.js';

export const CHECKS: readonly AnyCheck[] = [
  arpDirectorAsksAsVip,
  arpVipAnnouncedByNonDirector,
  arpVipAnsweredByNonDirector,
  arpVipOwnerChanged,
  arpVipUnresolved,
  captureClockOffset,
  captureEmpty,
  captureMergedVantages,
  captureMissingVantage,
  captureNoLinkAddresses,
  captureTruncated,
  captureVipTrafficMissing,
  forwardHeaderRewritten,
  forwardIcmpFromDirector,
  forwardLoop,
  forwardNotForwarded,
  forwardRsChangedMidConnection,
  forwardTunnelRejected,
  forwardTunnelSourceVip,
  ndVipAdvertisedByNonDirector,
  ndVipUnresolved,
  portRemapped,
  returnReplyLost,
  returnSourceNotVip,
  returnViaDirector,
  schedPersistenceBroken,
  schedUnknownRealServer,
  schedWeightMismatch,
  schedZeroWeightUsed,
  serviceHealthCheckBlind,
  serviceRefusedByDirector,
  serviceRefusedByRs,
  serviceResetByDirector,
  serviceServedByDirector,
  serviceUnanswered,
  serviceUnansweredAtRs,
  vrrpBadAdvert,
  vrrpMultipleMasters,
  vrrpNoConnectionSync,
  vrrpNoGarpAfterTakeover,
] as AnyCheck[];
