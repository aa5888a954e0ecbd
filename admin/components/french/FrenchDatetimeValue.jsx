import { ValueGroup } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import React from 'react';

import { frenchDateValue } from './french-ui.js';

/** AdminJS's datetime list and show values, French: JJ/MM/AAAA, or JJ/MM/AAAA HH:MM in Paris time. */
const FrenchDatetimeValue = ({ property, record, where }) => {
  const { translateProperty } = useTranslation();
  const value = frenchDateValue(record.params[property.path], property.type);
  if (where !== 'show') return <span>{value}</span>;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{value}</ValueGroup>;
};

export default FrenchDatetimeValue;
