// Azure resources for one Commonplace environment, deployed by teamsapp.yml's
// arm/deploy step with parameters from azure.parameters.json.
//
//   App Service (Linux, Node 20)  runs the bot; system-assigned identity, no storage keys
//   Storage account               Table storage for cards and rituals; shared keys disabled
//   Role assignment               the App Service identity may read/write tables
//   Azure Bot + Teams channel     routes Teams traffic to /api/messages
//   Log Analytics + App Insights  telemetry
//
// A starting point: networking, Key Vault for the bot secret, slots and alerts
// come later.

@description('Base for resource names, e.g. "commonplace-dev". Lowercase letters, digits and hyphens.')
@minLength(3)
@maxLength(24)
param resourceBaseName string

@description('Region for every resource except the bot registration, which is global.')
param location string = resourceGroup().location

@description('Client id of the bot\'s Microsoft Entra app (BOT_ID, from botAadApp/create).')
param botAadAppClientId string

@description('Client secret of that app (SECRET_BOT_PASSWORD).')
@secure()
param botAadAppClientSecret string

@description('Name people see for the bot in Azure.')
param botDisplayName string = 'Commonplace'

@description('App Service plan SKU. B1 is the smallest that supports Always On, which a bot that sends reminders needs.')
param webAppSku string = 'B1'

// Globally unique names (web app host name, bot handle, storage account) get a
// suffix derived from the resource group, so re-deploying is idempotent.
var suffix = take(uniqueString(resourceGroup().id, resourceBaseName), 6)
var name = '${resourceBaseName}-${suffix}'
var storageAccountName = take(toLower(replace('st${resourceBaseName}${suffix}', '-', '')), 24)
var tenantId = subscription().tenantId

// Built-in role "Storage Table Data Contributor".
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

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
    // Only Entra identities (the app's managed identity) can reach the data.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-${name}'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
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
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        // teamsapp.yml deploys a built zip; run it as-is instead of building on the server.
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        // Read by bot/src/config/config.ts.
        {
          name: 'BOT_ID'
          value: botAadAppClientId
        }
        {
          name: 'BOT_PASSWORD'
          value: botAadAppClientSecret
        }
        {
          name: 'BOT_TENANT_ID'
          value: tenantId
        }
        {
          name: 'BOT_TYPE'
          value: 'SingleTenant'
        }
        {
          name: 'STORAGE_ACCOUNT_URL'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
      ]
    }
  }
}

// Lets the App Service's managed identity use Table storage without keys.
resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, webApp.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
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
    msaAppTenantId: tenantId
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

// arm/deploy writes these outputs into env/.env.<name> under the same names.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output APP_DOMAIN string = webApp.properties.defaultHostName
