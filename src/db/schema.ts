// Every table of every module, for drizzle-kit and the typed database handle.
export { users, sessions, loginThrottle } from '../modules/accounts/accounts.schema.ts';
export { auditLog, auditHead } from '../modules/audit/audit.schema.ts';
export { seedRuns } from '../seed/seed.schema.ts';
export { orgs, orgFacts, orgFactHistory, orgQualifications } from '../modules/registry/registry.schema.ts';
export { jobs } from '../modules/jobs/jobs.schema.ts';
export { assessments, evaluationRuns, factsSnapshots } from '../modules/cultivation/cultivation.schema.ts';
export { funds, fundRecipients, fundAllocations, ledgerEntries, ledgerLines, disbursements, ledgerReferences, villages, villageIncomes, ventureFunds, ventureInvestments, msAgreements, grantPayments } from '../modules/funds/funds.schema.ts';
export { industries, industryRevisions, chains, chainLinks, chainEdges, chainLinkOrgs, investmentTargets, chainVersions } from '../modules/chains/chains.schema.ts';
export { ruleParamVersions } from '../modules/rules/rules.schema.ts';
export { indicators, indicatorValues, indicatorSnapshots } from '../modules/indicators/indicators.schema.ts';
export { policies, policyVersions, benefits, benefitVersions, grantBatches, grants, orgNotices, noticeOptOuts } from '../modules/policies/policies.schema.ts';
export { rdInsuranceProducts, rdInsuranceEnrolments, rdInsuranceClaims } from '../modules/funds/insurance.schema.ts';
export { digitalQuestionnaireStates, digitalDiagnoses, digitalProviders, digitalSolutions, digitalPilotEnrolments, digitalCloudAdoptions, digitalRetrofits, digitalGreenList } from '../modules/digital/digital.schema.ts';
export { achievements, demands, savedSearches, matchNotices, followUps, techContracts, enclaves, enclaveProjects } from '../modules/market/market.schema.ts';
export { carriers, carrierMembers, carrierReports, carrierEvalParams, carrierEvaluations, carrierServices, carrierServiceRequests } from '../modules/carriers/carriers.schema.ts';
export { ieUnits, ieYears } from '../modules/talent/talent.schema.ts';
export { programmes, programmeCalls, programmeApplications, programmeAttachments, programmeReviewers, programmeAssignments, programmeProjects, programmeChanges, programmeNotifications } from '../modules/programmes/programmes.schema.ts';
