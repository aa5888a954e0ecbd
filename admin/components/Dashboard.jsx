import { Box, H2, H5, Link, Text } from '@adminjs/design-system';
import { useCurrentAdmin } from 'adminjs';
import React from 'react';

const sections = [
  [
    'Facturation › Relevé bancaire',
    'Configuration de bridgeapi',
    '/admin/resources/BridgeConfig',
    'Identifiants Bridge par société, pays, banques présélectionnées ; logs des appels API.',
  ],
  [
    'Configuration › Import et export',
    'Journal des connexions Bridge',
    '/admin/resources/ConnectionLog',
    'Chaque connexion des utilisateurs à Bridge, filtrable et exportable en CSV.',
  ],
  [
    'Banque',
    'Comptes bancaires',
    '/admin/resources/BankAccount',
    'Journaux, IBAN et réglages « Télécollecte bancaire ».',
  ],
  ['Banque', 'Relevés bancaires', '/admin/resources/BankStatement', 'Relevés, lignes et action Synchro.'],
  ['Configuration', 'Utilisateurs', '/admin/resources/User', 'Utilisateurs de l’ERP et leur e-mail Bridge.'],
  [
    'Facturation Bridge',
    'Rapports de facturation',
    '/admin/resources/BillingReport',
    'Rapports annuels et mensuels des utilisateurs Bridge, avec leur graphique.',
    'editor',
  ],
];

const Dashboard = () => {
  // Billing is the editor's: an integrator's dashboard does not offer it.
  const [currentAdmin] = useCurrentAdmin();
  const visible = sections.filter(([, , , , role]) => !role || (currentAdmin && currentAdmin.role === role));
  return (
    <Box variant="grey">
      <Box variant="white" p="xl">
        <H2>Télécollecte bancaire</H2>
        <Text>
          Back-office des intégrateurs : configurez Bridge, les comptes bancaires et les utilisateurs, puis lancez la
          Synchro d’un relevé.
        </Text>
      </Box>
      <Box mt="xl" display="flex" flexWrap="wrap">
        {visible.map(([menu, title, href, text]) => (
          <Box key={href} variant="white" p="lg" mr="lg" mb="lg" width={[1, 1 / 2, 1 / 3]}>
            <Text variant="sm" color="grey60">
              {menu}
            </Text>
            <H5>
              <Link href={href}>{title}</Link>
            </H5>
            <Text>{text}</Text>
          </Box>
        ))}
      </Box>
    </Box>
  );
};

export default Dashboard;
