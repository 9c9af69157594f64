import { checkCases } from '../../support/check-cases.js';

checkCases('service/health-check-blind', {
  pass: [
    { fixture: 'keepalived-failover', why: 'checks pass and VIP connections are served' },
    { fixture: 'rs-bound-to-rip', why: 'the same fault without health checks' },
    { fixture: 'failover-sloppy-tcp', why: 'rs2 refuses a rescheduled mid-stream segment, not a new connection' },
  ],
  fail: [
    { fixture: 'health-check-rip-only', hosts: ['192.0.2.12'] },
    { fixture: 'health-check-rip-only', captures: ['client', 'director'], why: 'the director and the client only', hosts: ['192.0.2.12'] },
  ],
});
