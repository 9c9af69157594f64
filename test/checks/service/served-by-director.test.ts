import { checkCases } from '../../support/check-cases.js';

checkCases('service/served-by-director', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'director-localnode', why: 'a third of the connections served by the director (LocalNode), the rest forwarded' },
    { fixture: 'healthy-operator-probes', why: 'three connections to VIP:2222 answered by the director while it balances VIP:80: its own service' },
    { fixture: 'director-serves-without-ipvs', ipvsadmText: '-A -t 192.0.2.100:80 -s wrr\n-a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1\n-a -t 192.0.2.100:80 -r 192.0.2.12:80 -g -w 2\n', why: 'a configured service: sched/unknown-real-server speaks for it' },
  ],
  fail: [
    { fixture: 'director-serves-without-ipvs', hosts: ['192.0.2.100'] },
    { fixture: 'director-serves-without-ipvs', captures: ['director'], hosts: ['192.0.2.100'], why: 'the director\'s capture alone' },
  ],
});
