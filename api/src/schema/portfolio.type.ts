import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProgramEffect } from './program-effects.type.ts';
import { Roi } from './roi.type.ts';

/** Values match `@asn/warehouse` `EffectEvidence`. */
export enum EffectEvidence {
  faster = 'faster',
  slower = 'slower',
  inconclusive = 'inconclusive',
  not_estimated = 'not_estimated',
}

registerEnumType(EffectEvidence, {
  name: 'EffectEvidence',
  description:
    'What the matched cohort comparison of service days shows about a training effect, judged on the 95 % CI of the DiD.',
  valuesConfig: {
    faster: { description: 'The CI lies below 0: the trained handlers got faster than their matches.' },
    slower: {
      description:
        'The CI lies above 0: the trained handlers got slower than their matches (with the cohort isolation, the entry’s ROI warns effect_adverse).',
    },
    inconclusive: {
      description:
        'The CI contains 0: no effect shown either way (with the cohort isolation, the entry’s ROI warns effect_ci_includes_zero).',
    },
    not_estimated: {
      description:
        'No estimate: too few matched units (suppressed), no service data before or after, or no completer.',
    },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: 'One program in one completion year of the portfolio.',
})
export class ProgramPortfolioEntry {
  @Field(() => Int, { description: 'Completion year: the treatment window is 1 January – 31 December.' })
  year!: number;
  @Field(() => String, { description: 'Program code.' })
  program!: string;
  @Field(() => EffectEvidence, {
    description:
      'What the service-days comparison shows on the cohort’s own 95 % CI, before any correction for testing many cohorts at once (see evidenceAfterHolm: with dozens of cohorts, about 1 in 20 looks faster or slower by chance).',
  })
  evidence!: EffectEvidence;
  @Field(() => Float, {
    nullable: true,
    description:
      'The cohort comparison’s DiD p-value, Holm-adjusted over every estimable cohort of this answer (every program and year asked for: asking fewer years tests fewer cohorts). Null when not estimated.',
  })
  pValueHolm!: number | null;
  @Field(() => EffectEvidence, {
    description:
      '`evidence` after Holm’s correction: faster or slower only when pValueHolm < 0.05, else inconclusive (a direction the cohort’s own CI shows, but not once every cohort tested is taken into account); not_estimated as evidence. Read this one to count programs shown to make service faster.',
  })
  evidenceAfterHolm!: EffectEvidence;
  @Field(() => Roi, {
    description:
      'The Phillips ROI of the program over the year, exactly as `roi` gives it for that program and window, except `ikmChanges` and `intangibles`, which are empty here (ask `roi` for them).',
  })
  roi!: Roi;
  @Field(() => ProgramEffect, {
    nullable: true,
    description:
      'The program in the year’s joint model on service days (`programEffects` over the same year): its effect with every other program of the year held fixed, so a strong program cannot make this one look slower. Null when nobody of the population completed it that year, or when the year’s joint model is not fitted (hidden by disclosure control, or nobody with service data in both windows: see programEffects).',
  })
  joint!: ProgramEffect | null;
}
