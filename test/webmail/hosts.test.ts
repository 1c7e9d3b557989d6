import { describe, expect, it } from 'vitest';
import { roundcubeMatchPattern, roundcubeOrigin } from '../../lib/webmail/hosts';

describe('Roundcube addresses', () => {
  it('keeps the origin of what the user typed, https unless on this machine', () => {
    expect(roundcubeOrigin('webmail.example.be/roundcube/')).toBe('https://webmail.example.be');
    expect(roundcubeOrigin('http://127.0.0.1:8089')).toBe('http://127.0.0.1:8089');
    expect(roundcubeOrigin('http://webmail.example.be')).toBeNull();
    expect(roundcubeOrigin('https://user:pw@webmail.example.be')).toBeNull();
    expect(roundcubeOrigin('ftp://webmail.example.be')).toBeNull();
    expect(roundcubeOrigin('')).toBeNull();
  });

  it('asks for the host without its port: Firefox match patterns cannot name one', () => {
    expect(roundcubeMatchPattern('http://127.0.0.1:8089')).toBe('http://127.0.0.1/*');
    expect(roundcubeMatchPattern('https://webmail.example.be')).toBe('https://webmail.example.be/*');
  });
});
