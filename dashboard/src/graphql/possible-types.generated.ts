
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "MetricRow": [
      "CompletionRow",
      "DeclineReasonRow",
      "FunnelRow",
      "JpComplianceRow",
      "LearningRow",
      "ParticipationRow",
      "ReactionRow",
      "ResistanceRow",
      "SatisfactionRow",
      "ServiceTimesRow"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "MetricRow": [
      "CompletionRow",
      "DeclineReasonRow",
      "FunnelRow",
      "JpComplianceRow",
      "LearningRow",
      "ParticipationRow",
      "ReactionRow",
      "ResistanceRow",
      "SatisfactionRow",
      "ServiceTimesRow"
    ]
  }
};
      export default result;
    