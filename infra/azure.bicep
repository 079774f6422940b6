// Azure resources for one Commonplace environment. teamsapp.yml's arm/deploy step
// deploys this file with azure.parameters.json and writes the outputs back into
// env/.env.<environment>.
//
//   App Service plan + web app (Linux, Node 20)  the bot, the tab's API and the built tab, one origin
//   Storage account + tables                     cards, rituals, reminders; shared keys disabled
//   Key Vault                                    the bot's client secret, read by the web app's identity
//   Role assignments                             the web app's identity may use the tables and read the secret
//   Azure Bot + Teams channel                    routes Teams traffic to /api/messages
//   Log Analytics + Application Insights         telemetry and the app's JSON logs
//
// Every name comes from resourceBaseName. The bot's and the tab's Entra app
// registrations are made by the toolkit (botAadApp/create, aadApp/create and
// aadApp/update with infra/aad.manifest.json); this file takes their ids.

@description('Base of every resource name, e.g. "commonplace-dev". Lowercase letters, digits and hyphens.')
@minLength(3)
@maxLength(20)
param resourceBaseName string

@description('Region of every resource except the bot registration, which is global.')
param location string = resourceGroup().location

@description('Client id of the bot\'s Entra app (BOT_ID, from botAadApp/create).')
param botAadAppClientId string

@description('Client secret of the bot\'s Entra app (SECRET_BOT_PASSWORD). Stored in Key Vault, never in an app setting.')
@secure()
param botAadAppClientSecret string

@description('Id of the Teams app (TEAMS_APP_ID, from teamsApp/create; the org catalog id once published there): cards link to the channel tab through it.')
param teamsAppId string

@description('Client id of the Entra app the tab signs in to (AAD_APP_CLIENT_ID, from aadApp/create).')
param aadAppClientId string

@description('Tenant whose people may sign in to the tab (AAD_APP_TENANT_ID).')
param aadAppTenantId string = subscription().tenantId

@description('Other tenants allowed to sign in, comma-separated, or "any"; empty means AAD_APP_TENANT_ID only.')
param ssoAllowedTenants string = ''

@description('Name people see for the bot in Azure.')
param botDisplayName string = 'Commonplace'

@description('App Service plan SKU. B1 is the smallest with Always On, which the reminder scheduler needs.')
param webAppSku string = 'B1'

@description('Web app instances. Each one serves requests and posts reminders.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Prefix of every table name (TABLE_PREFIX).')
param tablePrefix string = 'commonplace'

@description('Days channel thread messages are kept for harvesting (THREAD_RETENTION_DAYS).')
param threadRetentionDays int = 30

@description('Minutes between housekeeping passes (HOUSEKEEPING_INTERVAL_MINUTES).')
param housekeepingIntervalMinutes int = 60

@description('Whether the instances post due reminders (SCHEDULER_ENABLED).')
param schedulerEnabled bool = true

@description('Seconds between looks for due reminders (SCHEDULER_TICK_SECONDS).')
param schedulerTickSeconds int = 10

@description('Seconds a claim on a reminder holds (SCHEDULER_LEASE_SECONDS).')
param schedulerLeaseSeconds int = 60

@description('Reminder posts per second per tenant from one instance (SCHEDULER_TENANT_SENDS_PER_SECOND); lowered so that all instances together stay under Teams\' 50.')
param schedulerTenantSendsPerSecond int = 20

@description('API requests one person may make per minute on one instance (API_RATE_LIMIT_PER_MINUTE).')
param apiRateLimitPerMinute int = 240

@description('Where Entra publishes signing keys (ENTRA_AUTHORITY_HOST); change only for a national cloud.')
param entraAuthorityHost string = 'https://login.microsoftonline.com'

@description('Microsoft Graph (GRAPH_BASE_URL); change only for a national cloud.')
param graphBaseUrl string = 'https://graph.microsoft.com'

// Globally unique names (web app host, storage account, vault) get a suffix derived
// from the resource group, so deploying again updates the same resources.
var suffix = take(uniqueString(resourceGroup().id, resourceBaseName), 6)
var name = '${resourceBaseName}-${suffix}'
var storageAccountName = take(toLower(replace('st${resourceBaseName}${suffix}', '-', '')), 24)
// Vault names are at most 24 characters and must end in a letter or digit.
var keyVaultName = 'kv-${take(resourceBaseName, 14)}-${suffix}'
var botTenantId = subscription().tenantId

// Teams allows 50 proactive posts per second per app per tenant; keep a margin.
var tenantSendsPerInstance = max(1, min(schedulerTenantSendsPerSecond, 45 / instanceCount))

// The tables the service uses (bot/src/storage/tables.ts): created here so an admin sees
// them, and again (if missing) by the service at start.
var tableNames = [
  'Cards'
  'Recent'
  'SearchDocs'
  'SearchChanges'
  'SearchGaps'
  'Contributions'
  'Threads'
  'Retention'
  'Communities'
  'Teams'
  'Rituals'
  'RitualItems'
  'Channels'
  'Jobs'
  'JobLog'
  'ConversationLeases'
  'Questions'
  'QuestionContributions'
  'QuestionFigures'
]

// Built-in roles.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${name}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Only Entra identities (the web app's managed identity) reach the data: no keys, no SAS.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tableNames: {
    parent: tableService
    name: '${tablePrefix}${table}'
  }
]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: botTenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-${name}'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-${name}'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Nothing is kept per instance, so requests need not stick to one.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/bot/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
    }
  }
}

// App settings are their own resource so they can name the web app's host name.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    // App Service platform: run the deployed zip as it is, without building on the server.
    WEBSITE_RUN_FROM_PACKAGE: '1'
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
    // Read by bot/src/config/config.ts; documented in the README's configuration table.
    NODE_ENV: 'production'
    STORAGE_ACCOUNT_URL: storage.properties.primaryEndpoints.table
    TABLE_PREFIX: tablePrefix
    BOT_ID: botAadAppClientId
    // Resolved by App Service from Key Vault with the web app's identity.
    BOT_PASSWORD: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${botSecret.name})'
    BOT_TENANT_ID: botTenantId
    BOT_TYPE: 'SingleTenant'
    AAD_APP_CLIENT_ID: aadAppClientId
    AAD_APP_ID_URI: 'api://${webApp.properties.defaultHostName}/botid-${botAadAppClientId}'
    AAD_APP_TENANT_ID: aadAppTenantId
    SSO_ALLOWED_TENANTS: ssoAllowedTenants
    ENTRA_AUTHORITY_HOST: entraAuthorityHost
    GRAPH_BASE_URL: graphBaseUrl
    TAB_DIR: 'dist/tab'
    TEAMS_APP_ID: teamsAppId
    THREAD_RETENTION_DAYS: string(threadRetentionDays)
    HOUSEKEEPING_INTERVAL_MINUTES: string(housekeepingIntervalMinutes)
    SCHEDULER_ENABLED: string(schedulerEnabled)
    SCHEDULER_TICK_SECONDS: string(schedulerTickSeconds)
    SCHEDULER_LEASE_SECONDS: string(schedulerLeaseSeconds)
    SCHEDULER_TENANT_SENDS_PER_SECOND: string(tenantSendsPerInstance)
    API_RATE_LIMIT_PER_MINUTE: string(apiRateLimitPerMinute)
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  }
  dependsOn: [
    tableAccess
    secretAccess
  ]
}

// The app's own logs (one JSON line per event) and App Service's HTTP log, kept in Log Analytics.
resource webAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

// The web app's identity may read and write the tables, and nothing else in the account.
resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, webApp.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ... and read the bot's secret, and nothing else in the vault.
resource secretAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(botSecret.id, webApp.id, keyVaultSecretsUser)
  scope: botSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Single-tenant registration: new multi-tenant Azure Bots can no longer be created.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${name}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// arm/deploy writes these into env/.env.<environment> under the same names.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output APP_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
