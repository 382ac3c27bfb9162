import { addressToBigInt, bigIntToAddress, cidrWithin, isInternetCidr, isPrivateCidr, parseCidr, parseTerraformCidr } from '../../src/net/cidr';

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

  describe("Terraform's cidr functions' reading (Go 1.16)", () => {
    it.each([
      ['010.0.0.1/8', '10.0.0.1', 8],
      ['0010.000.0.255/32', '10.0.0.255', 32],
      ['::1.2.3.4/128', '::102:304', 128],
      ['::ffff:010.0.0.1/120', '::ffff:a00:1', 120],
      ['FD00::/8', 'fd00::', 8],
    ])('reads %s as %s/%d', (text, address, prefix) => {
      const cidr = parseTerraformCidr(text);
      expect(cidr?.address.toString()).toBe(address);
      expect(cidr?.prefix).toBe(prefix);
    });

    it.each(['10.0.0.1', ' 10.0.0.0/8', '10.0.0.0/8\n', '10.0.0.256/8', '::ffff:1.2.3/96', '::ffff:0x1.0.0.1/96', 'fe80::1%eth0/64', '1:2:3:4:5:6:7:1.2.3.4/64'])(
      'rejects %j',
      (text) => {
        expect(parseTerraformCidr(text)).toBeUndefined();
      },
    );
  });

  it.each([
    ['10.1.2.3', 4, 0x0a010203n],
    ['255.255.255.255', 4, 0xffffffffn],
    ['::1', 6, 1n],
    ['fd00:fd12:3456:7890::22', 6, 0xfd00fd12345678900000000000000022n],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 6, (1n << 128n) - 1n],
  ] as const)('%s is the integer %s both ways', (text, version, value) => {
    expect(addressToBigInt(parseCidr(text)!.address)).toBe(value);
    expect(bigIntToAddress(value, version).toString()).toBe(text);
  });
});
