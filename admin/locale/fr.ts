import type { LocaleTranslations } from 'adminjs';

/**
 * French translation of the AdminJS 7.8 back-office (AdminJS ships no `fr` locale).
 *
 * Mirrors every key of `node_modules/adminjs/lib/locale/en/translation.json` (see fr.spec.ts).
 * AdminJS picks plural forms itself through the `_plural` suffix (records.length > 1), which
 * also suits French (0 and 1 are singular). French typography: a non-breaking space (\u00a0)
 * before « : ; ! ? » and inside « », typographic apostrophe ’.
 * Resource-specific names (resources.<id>.…) are added by the admin module itself.
 */
export const FRENCH_TRANSLATIONS = {
  actions: {
    new: 'Créer',
    edit: 'Modifier',
    show: 'Afficher',
    delete: 'Supprimer',
    bulkDelete: 'Supprimer la sélection',
    list: 'Liste',
  },
  buttons: {
    save: 'Enregistrer',
    addNewItem: 'Ajouter un élément',
    filter: 'Filtrer',
    filterActive: 'Filtrer ({{count}})',
    applyChanges: 'Appliquer les filtres',
    resetFilter: 'Réinitialiser',
    confirmRemovalMany: 'Confirmer la suppression de {{count}} enregistrement',
    confirmRemovalMany_plural: 'Confirmer la suppression des {{count}} enregistrements',
    logout: 'Se déconnecter',
    login: 'Se connecter',
    seeTheDocumentation: 'Voir\u00a0: <1>la documentation</1>',
    createFirstRecord: 'Créer le premier enregistrement',
    cancel: 'Annuler',
    confirm: 'Confirmer',
    contactUs: 'Nous contacter',
  },
  components: {
    DropZone: {
      placeholder: 'Déposez votre fichier ici ou cliquez pour parcourir',
      acceptedSize: 'Taille maximale\u00a0: {{maxSize}}',
      acceptedType: 'Formats acceptés\u00a0: {{mimeTypes}}',
      unsupportedSize: 'Le fichier {{fileName}} est trop volumineux',
      unsupportedType: 'Le type du fichier {{fileName}} n’est pas pris en charge\u00a0: {{fileType}}',
    },
    LanguageSelector: {
      availableLanguages: {
        de: 'Allemand',
        en: 'Anglais',
        es: 'Espagnol',
        fr: 'Français',
        it: 'Italien',
        ja: 'Japonais',
        pl: 'Polonais',
        'pt-BR': 'Portugais (Brésil)',
        ua: 'Ukrainien',
        'zh-CN': 'Chinois',
      },
    },
    Login: {
      welcomeHeader: 'Télécollecte bancaire',
      welcomeMessage:
        'Bienvenue sur le back-office des intégrateurs\u00a0: configuration Bridge, comptes bancaires et journal des connexions.',
      properties: {
        email: 'Adresse e-mail',
        password: 'Mot de passe',
      },
      loginButton: 'Se connecter',
    },
  },
  labels: {
    navigation: 'Navigation',
    pages: 'Pages',
    selectedRecords: 'Sélection ({{selected}})',
    filters: 'Filtres',
    adminVersion: 'AdminJS\u00a0: {{version}}',
    appVersion: 'Application\u00a0: {{version}}',
    dashboard: 'Tableau de bord',
  },
  properties: {
    length: 'Nombre d’éléments',
    from: 'Du',
    to: 'Au',
  },
  resources: {},
  messages: {
    successfullyBulkDeleted: '{{count}} enregistrement a été supprimé',
    successfullyBulkDeleted_plural: '{{count}} enregistrements ont été supprimés',
    successfullyDeleted: 'L’enregistrement a été supprimé',
    successfullyUpdated: 'L’enregistrement a été mis à jour',
    thereWereValidationErrors: 'Le formulaire contient des erreurs\u00a0: vérifiez les champs ci-dessous',
    forbiddenError: 'Vous n’êtes pas autorisé à exécuter l’action {{actionName}} sur {{resourceId}}',
    anyForbiddenError: 'Vous n’êtes pas autorisé à exécuter cette action',
    successfullyCreated: 'L’enregistrement a été créé',
    bulkDeleteError:
      'Une erreur est survenue lors de la suppression des enregistrements. Consultez la console pour plus d’informations',
    errorFetchingRecords:
      'Une erreur est survenue lors du chargement des enregistrements. Consultez la console pour plus d’informations',
    errorFetchingRecord:
      'Une erreur est survenue lors du chargement de l’enregistrement. Consultez la console pour plus d’informations',
    noRecordsSelected: 'Vous n’avez sélectionné aucun enregistrement',
    theseRecordsWillBeRemoved: 'L’enregistrement suivant va être supprimé',
    theseRecordsWillBeRemoved_plural: 'Les enregistrements suivants vont être supprimés',
    pickSomeFirstToRemove: 'Pour supprimer des enregistrements, sélectionnez-les d’abord',
    error404Resource: 'La ressource d’identifiant {{resourceId}} est introuvable',
    error404Action:
      'La ressource d’identifiant {{resourceId}} ne possède pas d’action nommée {{actionName}}, ou vous n’êtes pas autorisé à l’utiliser\u00a0!',
    error404Record:
      'La ressource d’identifiant {{resourceId}} ne contient pas d’enregistrement d’identifiant {{recordId}}, ou vous n’êtes pas autorisé à y accéder\u00a0!',
    seeConsoleForMore: 'Consultez la console de développement pour plus de détails…',
    noActionComponent: 'Vous devez implémenter le composant de cette action',
    noRecordsInResource: 'Cette ressource ne contient aucun enregistrement',
    noRecords: 'Aucun enregistrement',
    confirmDelete: 'Voulez-vous vraiment supprimer cet élément\u00a0?',
    welcomeOnBoard_title: 'Bienvenue à bord\u00a0!',
    welcomeOnBoard_subtitle:
      'Vous faites désormais partie de l’équipe\u00a0! Voici quelques conseils pour bien démarrer\u00a0:',
    addingResources_title: 'Ajouter des ressources',
    addingResources_subtitle: 'Découvrez comment ajouter de nouvelles ressources au menu latéral',
    customizeResources_title: 'Personnaliser les ressources',
    customizeResources_subtitle: 'Définissez le comportement, les propriétés et bien plus encore…',
    customizeActions_title: 'Personnaliser les actions',
    customizeActions_subtitle: 'Modifiez les actions existantes ou ajoutez-en de nouvelles',
    writeOwnComponents_title: 'Écrire des composants',
    writeOwnComponents_subtitle: 'Comment modifier l’apparence d’AdminJS',
    customDashboard_title: 'Tableau de bord personnalisé',
    customDashboard_subtitle: 'Découvrez comment personnaliser la page d’accueil d’AdminJS',
    roleBasedAccess_title: 'Contrôle d’accès par rôle',
    roleBasedAccess_subtitle: 'Définissez les droits d’accès de vos utilisateurs AdminJS',
    community_title: 'Rejoignez la communauté Discord',
    community_subtitle: 'Échangez avec les créateurs d’AdminJS et avec d’autres utilisateurs d’AdminJS',
    foundBug_title: 'Vous avez trouvé un bogue ou souhaitez une amélioration\u00a0?',
    foundBug_subtitle: 'Ouvrez un ticket sur notre dépôt GitHub',
    needMoreSolutions_title: 'Besoin de solutions plus avancées\u00a0?',
    needMoreSolutions_subtitle:
      'Nous sommes là pour vous proposer un design UX/UI soigné et des logiciels sur mesure, basés (entre autres) sur AdminJS',
    invalidCredentials: 'Adresse e-mail ou mot de passe incorrect',
    // Thrown by our authenticate(): AdminJS shows the message key it is given.
    tooManyLoginAttempts: 'Trop de tentatives de connexion depuis votre adresse\u00a0: réessayez dans 15 minutes.',
    keyPlaceholder: 'CLÉ',
    valuePlaceholder: 'VALEUR',
    initialKey: 'Clé-{{number}}',
    keyInUse: 'Les clés de l’objet doivent être uniques',
    keyValuePropertyDefaultDescription:
      'Toutes les valeurs sont enregistrées sous forme de texte. Les clés doivent être uniques\u00a0; les clés en double ne seront pas enregistrées.',
    pageNotFound_title: 'Page introuvable',
    pageNotFound_subtitle: 'La page <strong>«\u00a0{{pageName}}\u00a0»</strong> n’existe pas',
    componentNotFound_title: 'Aucun composant spécifié',
    componentNotFound_subtitle: 'Vous devez spécifier le composant chargé d’afficher cet élément',
  },
} satisfies LocaleTranslations;
