//! The model's invariants, on random valid profiles.

use chrono::NaiveDate;
use proptest::prelude::*;
use senco_plan::model::assess;
use senco_plan::options::{Remedy, Steps, apply, change_cost};
use senco_plan::params::{Assumptions, Costs};
use senco_plan::profile::{
    Admin, Award, Deputy, Leadership, Phase, Profile, School, Senco, Structure, Tas, WholeSchool,
};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(all)
}

fn school() -> impl Strategy<Value = School> {
    (1u32..3000, 0.0f64..0.5, 0.0f64..0.3)
        .prop_flat_map(|(pupils, sen_share, ehcp_share)| {
            let sen_support = (f64::from(pupils) * sen_share) as u32;
            let ehcp = ((f64::from(pupils) * ehcp_share) as u32).min(pupils - sen_support);
            (
                Just((pupils, sen_support, ehcp)),
                pick(Phase::ALL),
                prop::option::of(0u32..=pupils.min(30)),
                prop::option::of(1u32..200),
                prop::option::of(30.0f64..=52.0),
            )
        })
        .prop_map(
            |((pupils, sen_support, ehcp), phase, requests, teachers, weeks)| School {
                name: "Generated".to_string(),
                phase,
                pupils,
                sen_support,
                ehcp,
                ehc_requests_per_year: requests,
                teachers,
                weeks_per_year: weeks,
            },
        )
}

fn senco() -> impl Strategy<Value = Senco> {
    (
        (0.1f64..=1.0, 0.0f64..=40.0, 0.0f64..=40.0, 0.0f64..=10.0),
        pick(Leadership::ALL),
        any::<bool>(),
        pick(Award::ALL),
        prop::option::of(0i64..5000),
        (
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
        ),
    )
        .prop_map(
            |(
                (fte, teaching, senco_hours, other),
                leadership,
                qualified,
                award,
                days_ago,
                answers,
            )| Senco {
                contract_fte: fte,
                teaching_hours: teaching,
                senco_hours,
                other_duties_hours: other,
                leadership,
                qualified_teacher: qualified,
                award,
                appointed: days_ago.map(|d| as_of() - chrono::Duration::days(d)),
                headteacher_support: answers.0,
                strategic_vision: answers.1,
                influences_colleagues: answers.2,
            },
        )
}

fn tas() -> impl Strategy<Value = Option<Tas>> {
    prop::option::of((0u32..60).prop_flat_map(|count| {
        (
            pick(&[Structure::Flat, Structure::Distributed]),
            0u32..=count,
            0.0f64..=5.0,
        )
            .prop_map(move |(structure, lead_tas, lead_hours)| Tas {
                count,
                structure,
                lead_tas,
                lead_hours,
            })
    }))
}

prop_compose! {
    fn profile()(
        school in school(),
        senco in senco(),
        deputy in prop::option::of(0.0f64..=30.0),
        admin in prop::option::of(0.0f64..=30.0),
        tas in tas(),
        corporate in any::<bool>(),
    ) -> Profile {
        Profile {
            school,
            senco,
            deputy: deputy.map(|hours| Deputy { hours }),
            admin: admin.map(|hours| Admin { hours }),
            tas,
            whole_school: WholeSchool { corporate_responsibility: corporate },
            assumptions: Assumptions::default(),
            costs: Costs::default(),
        }
    }
}

fn score(p: &Profile) -> u32 {
    assess(p, as_of()).score
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn score_is_in_range_and_every_figure_is_finite(p in profile()) {
        let a = assess(&p, as_of());
        prop_assert!(a.score <= 100);
        for value in [
            a.coverage,
            a.demand_hours_per_week,
            a.capacity_hours_per_week,
            a.covered_hours_per_week,
            a.shortfall_hours_per_week,
            a.working_week.total,
            a.working_week.beyond_contract,
        ] {
            prop_assert!(value.is_finite() && value >= 0.0, "{value}");
        }
        prop_assert!(a.covered_hours_per_week <= a.demand_hours_per_week + 1e-9);
        prop_assert!(a.covered_hours_per_week <= a.capacity_hours_per_week + 1e-9);
        let by_task: f64 = a.tasks.iter().map(|t| t.covered.total() + t.uncovered).sum();
        prop_assert!((by_task - a.demand_hours_per_week).abs() < 1e-9);
    }

    #[test]
    fn more_deputy_admin_or_senco_hours_never_lower_the_score(p in profile(), extra in 0.0f64..=20.0) {
        let before = score(&p);
        let mut more = p.clone();
        if let Some(deputy) = more.deputy.as_mut() {
            deputy.hours += extra;
        }
        prop_assert!(score(&more) >= before, "deputy");
        let mut more = p.clone();
        more.admin = Some(Admin { hours: p.admin_hours() + extra });
        prop_assert!(score(&more) >= before, "admin");
        let mut more = p.clone();
        more.senco.senco_hours += extra;
        prop_assert!(score(&more) >= before, "senco-hours");
    }

    #[test]
    fn more_teaching_never_raises_the_score(p in profile(), extra in 0.0f64..=20.0) {
        let mut more = p.clone();
        more.senco.teaching_hours += extra;
        prop_assert!(score(&more) <= score(&p));
    }

    #[test]
    fn more_ehc_plans_never_lower_demand(p in profile(), extra in 0u32..50) {
        // Pupils on roll stay the same; only the number with a plan grows.
        let room = p.school.pupils - p.school.sen_support - p.school.ehcp;
        let mut more = p.clone();
        more.school.ehcp += extra.min(room);
        let before = assess(&p, as_of()).demand_hours_per_week;
        prop_assert!(assess(&more, as_of()).demand_hours_per_week >= before);
    }

    #[test]
    fn every_option_costs_something_or_nothing(p in profile()) {
        for remedy in Remedy::ALL {
            if let Ok((changed, _)) = apply(*remedy, &p, &Steps::default()) {
                let cost = change_cost(&p, &changed);
                prop_assert!(cost.is_finite() && cost >= 0.0, "{remedy:?} costs {cost}");
            }
        }
    }
}
