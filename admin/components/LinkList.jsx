import { Box, Label, Link, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import React from 'react';

/** A virtual property holding links ({ href, label }) to other records, e.g. the entries of a statement line. */
const LinkList = ({ record, property, resource }) => {
  const { translateProperty } = useTranslation();
  const links = (record && record.params && record.params[property.path]) || [];
  return (
    <Box mb="xl">
      <Label>{translateProperty(property.label, resource.id)}</Label>
      {links.length === 0 ? (
        <Text color="grey60">—</Text>
      ) : (
        links.map((link) => (
          <Text key={link.href}>
            <Link href={link.href} data-testid={`${property.path}-link`}>
              {link.label}
            </Link>
          </Text>
        ))
      )}
    </Box>
  );
};

export default LinkList;
