import { Badge } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import React from 'react';

/** AdminJS's BooleanPropertyValue, in French: Oui / Non unless the property names its own values. */
const FrenchBooleanValue = ({ record, property, resource }) => {
  const { tl } = useTranslation();
  const raw = record?.params[property.path];
  if (raw === undefined || raw === '' || raw === null) return null;
  const yes = raw === true || raw === 'true';
  return (
    <Badge outline size="sm">
      {tl(`${property.path}.${yes}`, resource.id, { defaultValue: yes ? 'Oui' : 'Non' })}
    </Badge>
  );
};

export default FrenchBooleanValue;
