import { describe, expect, it } from '@jest/globals';

import { isPlaceholder } from './not-placeholder.validator.js';

describe(isPlaceholder.name, () => {
  it('should find the placeholders of tutorials and forms', () => {
    for (const value of [
      'changeme',
      'CHANGE_ME',
      'xxx',
      'your-client-id',
      'Your Client Secret',
      'placeholder',
      'test',
    ]) {
      expect({ value, placeholder: isPlaceholder(value) }).toEqual({ value, placeholder: true });
    }
    for (const value of ['<client_id>', '{{secret}}', '…', '...', '0000', '********', ' xxx ']) {
      expect({ value, placeholder: isPlaceholder(value) }).toEqual({ value, placeholder: true });
    }
  });

  it('should accept real-looking credentials', () => {
    for (const value of [
      'sandbox-client-id',
      'client-id-1',
      'c',
      's',
      'a1b2c3d4e5',
      'secret-a-c0ffee42',
      'testing-42',
    ]) {
      expect({ value, placeholder: isPlaceholder(value) }).toEqual({ value, placeholder: false });
    }
  });
});
