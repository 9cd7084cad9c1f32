import { describe, expect, it } from 'vitest';
import { appUrl } from './app-url.ts';

describe('appUrl: the API beside the page, under a proxy sub-path too', () => {
  it('resolves beside a page at the root', () => {
    expect(appUrl('graphql', 'https://intranet.example/')).toBe('/graphql');
    expect(appUrl('graphql', 'https://intranet.example/?page=roi')).toBe('/graphql');
    expect(appUrl('templates/index.json', 'http://localhost:4000/')).toBe('/templates/index.json');
  });

  it('resolves beside a page under a sub-path (deployment review of 2026-12-07)', () => {
    expect(appUrl('graphql', 'https://intranet.example/asn/')).toBe('/asn/graphql');
    expect(appUrl('graphql', 'https://intranet.example/asn/?page=partisipasi&year=2024')).toBe(
      '/asn/graphql',
    );
    expect(appUrl('templates/employees.xlsx', 'https://intranet.example/dinas/asn/')).toBe(
      '/dinas/asn/templates/employees.xlsx',
    );
  });

  it('takes the root outside a browser', () => {
    expect(appUrl('graphql', undefined)).toBe('/graphql');
  });
});
