"""Key figures for a period: every ID of the report contract, read from the programmes'
own selectors. This module adds no counting of its own; it only names and shapes."""

import datetime as dt
from decimal import Decimal

from samen.reports.contract import IDS


def _number(value):
    """JSON-friendly: Decimal hours become an integer when whole, else 2 decimals."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else round(float(value), 2)
    return value


def key_figures(start: dt.date, end: dt.date, municipality=None) -> dict:
    """{ID: value} for every ID of the contract, in its order (both days included)."""
    from samen.budget.selectors import biz_figures
    from samen.care.selectors import (
        gbo_figures,
        konekti_figures,
        solentra_consultations,
        volunteers_active,
    )
    from samen.energy.selectors import energy_figures, rolling_fund_homes
    from samen.food.selectors import food_figures
    from samen.housing.selectors import (
        crisis_figures,
        housing_figures,
        meldpunt_figures,
        pool_figures,
        trajectory_figures,
        woonclub_figures,
    )
    from samen.work.selectors import activation_started, economy_events, work_figures

    period = (start, end)
    town = {"municipality": municipality}
    biz = biz_figures(*period, **town)
    energy = energy_figures(*period, **town)
    meld = meldpunt_figures(*period, **town)
    pool = pool_figures(*period, **town)
    traj = trajectory_figures(*period, **town)
    crisis = crisis_figures(*period, **town)
    club = woonclub_figures(*period, **town)
    housing = housing_figures(*period, **town)
    work = work_figures(*period, **town)
    gbo = gbo_figures(*period, **town)
    konekti = konekti_figures(*period, **town)
    figures = {
        "biz.education.pupils": biz.pupils,
        "biz.education.pupils_by_municipality": biz.pupils_by_municipality,
        "biz.education.pupils_by_activity": biz.pupils_by_activity,
        "biz.events.count_by_type": biz.events_by_type,
        "biz.events.participants_by_type": biz.participants_by_type,
        "biz.groupwork.series": biz.series,
        "biz.groupwork.sessions": biz.sessions,
        "biz.groupwork.participants": biz.participants,
        **food_figures(*period, municipality),
        "energy.loans.dossiers": energy.dossiers,
        "energy.loans.by_rate": energy.by_rate,
        "energy.rolling_fund.homes": rolling_fund_homes(*period, **town),
        "kw.meldpunt.situations": meld.situations,
        "kw.meldpunt.persons": meld.persons,
        "kw.meldpunt.offered": meld.offered,
        "kw.dwellings": pool.dwellings,
        "kw.occupations": pool.occupations,
        "kw.outflow": pool.outflow,
        "kw.waiting_accelerated_allocation": pool.waiting_accelerated_allocation,
        "kw.trajectories.dedicated_team": traj.dedicated_team,
        "kw.trajectories.kracht_wonen": traj.kracht_wonen,
        "kw.crisis_consultations": meld.consultations,
        "kw.crisis_consultations.situations": meld.consultation_situations,
        "crisis.admissions": crisis.admissions,
        "crisis.persons": crisis.persons,
        "crisis.nights": crisis.nights,
        "woonclub.points": club.points,
        "woonclub.new_households": club.new_households,
        "woonclub.persons": club.persons,
        "woonclub.singles": club.singles,
        "woonclub.by_situation": club.by_situation,
        "woonclub.housed": club.housed,
        "woonclub.search_days_avg": club.search_days_avg,
        "woonclub.reasons_pct": club.reasons_pct,
        "housing.eviction_reports": housing.eviction_reports,
        "housing.accelerated_allocation_requests": housing.accelerated_allocation_requests,
        "work.wijkwerk.cheques": work.cheques,
        "work.wijkwerk.hours": _number(work.hours),
        "work.wijkwerk.from_pwa": work.from_pwa,
        "work.wijkwerk.referred": work.referred,
        "work.wijkwerk.started": work.started,
        "work.activation.started": activation_started(*period, **town),
        "work.social_economy.events": economy_events(*period, **town),
        "care.gbo.intakes": gbo.intakes,
        "care.gbo.rights_realised": gbo.rights_realised,
        "care.konekti.families": konekti.families,
        "care.konekti.days_to_first_contact_avg": konekti.days_to_first_contact_avg,
        "care.solentra.consultations": solentra_consultations(*period, **town),
        "care.volunteers.active": volunteers_active(*period, **town),
    }
    return {key: figures[key] for key in IDS}


def report(start: dt.date, end: dt.date, municipality=None, *, year: int | None = None) -> dict:
    """The contract's JSON object: the period, the municipality and the figures."""
    return {
        "year": year,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "municipality": municipality.name if municipality is not None else None,
        "figures": key_figures(start, end, municipality),
    }


def year_period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
