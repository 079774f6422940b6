import { teamsMessageLink } from './messageLink';

describe('teamsMessageLink', () => {
  it("keeps https links to Teams' own hosts, in every cloud", () => {
    for (const host of [
      'teams.microsoft.com',
      'teams.cloud.microsoft',
      'gov.teams.microsoft.us',
      'dod.teams.microsoft.us',
      'teams.microsoftonline.cn',
    ]) {
      const link = `https://${host}/l/message/19%3Aabc%40thread.tacv2/1700000000000?tenantId=t&parentMessageId=1700000000000`;
      expect(teamsMessageLink(link)).toBe(link);
    }
    expect(teamsMessageLink('https://TEAMS.microsoft.com/l/message/1/2')).toBe('https://teams.microsoft.com/l/message/1/2');
  });

  it('drops every other scheme, host or authority', () => {
    for (const link of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'javascript://teams.microsoft.com/%0Aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'http://teams.microsoft.com/l/message/1/2',
      'https://teams.microsoft.com.evil.example/l/message/1/2',
      'https://evil.example/teams.microsoft.com/l/message/1/2',
      'https://teams.microsoft.com@evil.example/l/message/1/2',
      'https://user:pass@teams.microsoft.com/l/message/1/2',
      'https://teams.microsoft.com:8443/l/message/1/2',
      '//teams.microsoft.com/l/message/1/2',
      '/l/message/1/2',
      'not a url',
      '',
      undefined,
    ]) {
      expect(teamsMessageLink(link)).toBeUndefined();
    }
  });
});
