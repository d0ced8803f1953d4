//! Ads journeys: posting, joining, offers, lifecycle, moderation, emails, bad input.
