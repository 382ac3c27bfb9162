import { selectVersion } from '../../src/modules/version-constraint';

const AVAILABLE = ['0.9.0', '1.0.0', '1.1.0', '1.2.0', '1.2.5', '1.3.0-beta.1', '1.10.0', '2.0.0', '2.1.0-rc.1', '5.0.0', '5.0.3', '5.4.1', '6.0.0'];

describe('selectVersion (Terraform module version constraints)', () => {
  it.each([
    ['~> 5.0', '5.4.1'], // >= 5.0.0 < 6.0.0
    ['~> 5.0.0', '5.0.3'], // >= 5.0.0 < 5.1.0
    ['~> 1.2', '1.10.0'], // numeric, not lexical, ordering
    ['~> 1.2.3', '1.2.5'], // >= 1.2.3 < 1.3.0
    ['~> 1.2.6', undefined], // >= 1.2.6 < 1.3.0: nothing listed
    ['~> 1.2.0', '1.2.5'],
    ['>= 1.2, < 2.0', '1.10.0'],
    ['>=1.0.0,<1.2.0', '1.1.0'],
    ['= 1.0.0', '1.0.0'],
    ['1.0.0', '1.0.0'], // no operator means =
    ['v1.0.0', '1.0.0'], // a "v" prefix is tolerated, as by Terraform
    ['1.0', '1.0.0'], // missing segments are zero
    ['!= 6.0.0', '5.4.1'],
    ['> 5.4.1', '6.0.0'],
    ['<= 1.2.0', '1.2.0'],
    [undefined, '6.0.0'], // no constraint: the newest release
    ['', '6.0.0'],
    ['>= 1.2', '6.0.0'], // prereleases are never picked by a range...
    ['~> 2.1', undefined], // ...not even when only a prerelease would fit
    ['= 2.1.0-rc.1', '2.1.0-rc.1'], // ...only when named exactly
    ['2.1.0-rc.1, >= 2.0.0', undefined], // the exact prerelease still fails a release-only clause
  ])('%s → %s', (constraint, expected) => {
    const result = selectVersion(AVAILABLE, constraint);
    if (expected === undefined) expect(result).toHaveProperty('reason');
    else expect('version' in result && result.version.text).toBe(expected);
  });

  it('`~> 1` is >= 1.0.0 without an upper bound, as in go-version', () => {
    expect(selectVersion(['0.5.0', '1.0.0', '2.3.0'], '~> 1')).toMatchObject({ version: { text: '2.3.0' } });
  });

  it('says which versions exist when none matches', () => {
    expect(selectVersion(['1.0.0', '1.1.0'], '~> 2.0')).toEqual({ reason: 'no version matches "~> 2.0" (available: 1.1.0, 1.0.0)' });
    expect(selectVersion(['1.0.0-beta'], undefined)).toEqual({ reason: 'no release version (only prereleases: 1.0.0-beta)' });
  });

  it('reports a malformed constraint', () => {
    expect(selectVersion(['1.0.0'], '>= one')).toEqual({ reason: 'invalid version constraint ">= one": ">= one" is not an operator and a version' });
    expect(selectVersion(['1.0.0'], '^1.0')).toHaveProperty('reason');
  });

  it('ignores listed versions that are not versions', () => {
    expect(selectVersion(['latest', '1.0.0', 'v2.0.0'], undefined)).toMatchObject({ version: { text: 'v2.0.0', canonical: '2.0.0' } });
  });
});
