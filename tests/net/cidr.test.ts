import { cidrWithin, isInternetCidr, isPrivateCidr, parseCidr } from '../../src/net/cidr';

describe('the one CIDR parser', () => {
  it.each([
    ['10.0.0.0/8', 4, 8],
    ['10.0.0.1', 4, 32],
    ['2001:db8::/32', 6, 32],
    ['::ffff:10.0.0.1/128', 6, 128],
  ])('parses %s', (text, version, prefix) => {
    expect(parseCidr(text)).toMatchObject({ version, prefix });
  });

  it.each(['010.0.0.1/8', '10.0.0.0/33', '10.0.0/8', '10.0.0.0/8/1', 'fe80::1%eth0/64', '', '::/129', '10.0.0.0/-1'])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  it('requires a prefix when asked', () => {
    expect(parseCidr('10.0.0.1', true)).toBeUndefined();
  });

  it.each([
    ['10.1.2.0/24', '10.0.0.0/8', true],
    ['10.0.0.0/8', '10.1.0.0/16', false],
    ['2001:db8:1::/48', '2001:db8::/32', true],
    ['10.0.0.0/8', '::/0', false],
  ])('%s within %s: %s', (inner, outer, expected) => {
    expect(cidrWithin(inner, outer)).toBe(expected);
  });

  it('knows the internet and private ranges', () => {
    expect(isInternetCidr('1.2.3.4/0')).toBe(true);
    expect(isInternetCidr('::/0')).toBe(true);
    expect(isPrivateCidr('100.64.1.0/24')).toBe(true);
    expect(isPrivateCidr('8.8.8.0/24')).toBe(false);
    expect(isPrivateCidr('8.8.8.0/24', ['8.8.0.0/16'])).toBe(true);
  });
});
