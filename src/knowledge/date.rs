//! Dates as precise as the articles allow: a year, a month, or a day.
//!
//! The articles often date things loosely ("in 2018", "on Thursday"), so a
//! date carries its precision and is written the way it is known:
//! `2018`, `2021-11`, `2020-10-21`.

use std::cmp::Ordering;
use std::fmt;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a date string is not a valid date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Format(String),
    #[error("`{0}` is not a real date: month {1} does not exist")]
    Month(String, u32),
    #[error("`{0}` is not a real date: that month has {2} days, not {1}")]
    Day(String, u32, u32),
}

impl FuzzyDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates.
    ///
    /// ```
    /// use dispute_bot::knowledge::date::{FuzzyDate, Precision};
    /// assert_eq!(FuzzyDate::parse("2021-11").unwrap().precision(), Precision::Month);
    /// assert!(FuzzyDate::parse("2021-02-30").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let bad = || DateError::Format(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let widths_ok = match parts.len() {
            1 => parts[0].len() == 4,
            2 => parts[0].len() == 4 && parts[1].len() == 2,
            3 => parts[0].len() == 4 && parts[1].len() == 2 && parts[2].len() == 2,
            _ => false,
        };
        if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
        let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
        let year = num(parts[0])?;
        let month = parts.get(1).map(|p| num(p)).transpose()?;
        let day = parts.get(2).map(|p| num(p)).transpose()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Month(s.to_string(), m));
            }
            if let Some(d) = day {
                let max = days_in_month(year, m);
                if d == 0 || d > max {
                    return Err(DateError::Day(s.to_string(), d, max));
                }
            }
        }
        // Values are range-checked above, so the narrowing casts are lossless.
        Ok(FuzzyDate {
            year: year as i32,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// First day of the period this date stands for, as (y, m, d).
    pub fn start(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Last day of the period this date stands for, as (y, m, d).
    pub fn end(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self
            .day
            .unwrap_or_else(|| days_in_month(self.year as u32, u32::from(month)) as u8);
        (self.year, month, day)
    }

    /// Whether the period of this date overlaps the day range `[from, to]`.
    pub fn overlaps(&self, from: Option<&FuzzyDate>, to: Option<&FuzzyDate>) -> bool {
        from.is_none_or(|f| self.end() >= f.start()) && to.is_none_or(|t| self.start() <= t.end())
    }

    /// The day of the week, when the day is known ("Wednesday").
    ///
    /// ```
    /// use dispute_bot::knowledge::date::FuzzyDate;
    /// assert_eq!(FuzzyDate::parse("2020-10-21").unwrap().weekday(), Some("Wednesday"));
    /// assert_eq!(FuzzyDate::parse("2021-11").unwrap().weekday(), None);
    /// ```
    pub fn weekday(&self) -> Option<&'static str> {
        const DAYS: [&str; 7] = [
            "Sunday",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
        ];
        // Sakamoto's method for the Gregorian calendar.
        const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let (m, d) = (i32::from(self.month?), i32::from(self.day?));
        let y = if m < 3 { self.year - 1 } else { self.year };
        let w = (y + y / 4 - y / 100 + y / 400 + OFFSETS[(m - 1) as usize] + d).rem_euclid(7);
        Some(DAYS[w as usize])
    }

    /// A human reading: "21 October 2020", "November 2021", "2018".
    pub fn human(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month_name = |m: u8| MONTHS[usize::from(m.clamp(1, 12)) - 1];
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month_name(m), self.year),
            (Some(m), None) => format!("{} {}", month_name(m), self.year),
            _ => self.year.to_string(),
        }
    }
}

impl Ord for FuzzyDate {
    /// Orders by the start of the period, then the less precise first, so
    /// "November 2021" comes before "29 November 2021".
    fn cmp(&self, other: &Self) -> Ordering {
        self.start()
            .cmp(&other.start())
            .then(self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for FuzzyDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for FuzzyDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_day_month_year_precisions() {
        assert_eq!(
            FuzzyDate::parse("2018").unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            FuzzyDate::parse("2021-11").unwrap().precision(),
            Precision::Month
        );
        assert_eq!(
            FuzzyDate::parse("2020-10-21").unwrap().precision(),
            Precision::Day
        );
    }

    #[test]
    fn parse_rejects_impossible_dates() {
        assert!(matches!(
            FuzzyDate::parse("2021-02-30"),
            Err(DateError::Day(..))
        ));
        assert!(matches!(
            FuzzyDate::parse("2021-13"),
            Err(DateError::Month(..))
        ));
        assert!(FuzzyDate::parse("2020-02-29").is_ok());
        assert!(FuzzyDate::parse("2100-02-29").is_err());
    }

    #[test]
    fn parse_rejects_other_formats() {
        for s in [
            "21/10/2020",
            "2020-1-5",
            "Oct 2020",
            "",
            "2020-10-21T00:00",
            "+202-10",
        ] {
            assert!(
                matches!(FuzzyDate::parse(s), Err(DateError::Format(_))),
                "{s}"
            );
        }
    }

    #[test]
    fn ordering_puts_coarse_before_fine_in_same_period() {
        let month = FuzzyDate::parse("2021-11").unwrap();
        let day = FuzzyDate::parse("2021-11-01").unwrap();
        let later = FuzzyDate::parse("2021-11-29").unwrap();
        assert!(month < day && day < later);
    }

    #[test]
    fn overlaps_uses_whole_period() {
        let month = FuzzyDate::parse("2021-11").unwrap();
        let from = FuzzyDate::parse("2021-11-20").unwrap();
        let after = FuzzyDate::parse("2021-12-01").unwrap();
        assert!(month.overlaps(Some(&from), None));
        assert!(!month.overlaps(Some(&after), None));
    }

    #[test]
    fn human_reading() {
        assert_eq!(
            FuzzyDate::parse("2020-10-21").unwrap().human(),
            "21 October 2020"
        );
        assert_eq!(
            FuzzyDate::parse("2021-11").unwrap().human(),
            "November 2021"
        );
    }
}
