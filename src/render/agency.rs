//! The agency profile: `report-templates/agency.toml`, overridden key by key by `[agency]`.

use serde::Deserialize;

use crate::config::Config;

const SHIPPED: &str = include_str!("../../report-templates/agency.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub parent: String,
    pub name: String,
    pub short_name: String,
    pub number_prefix: String,
    pub place: String,
    pub signer_authority: String,
    pub signer_title: String,
    pub signer_name: String,
    pub recipients: Vec<String>,
}

impl Agency {
    pub fn from_config(cfg: &Config) -> Agency {
        let mut a: Agency =
            toml::from_str(SHIPPED).expect("the shipped agency profile parses (checked by tests)");
        let c = &cfg.agency;
        let set = |dst: &mut String, src: &Option<String>| {
            if let Some(v) = src {
                *dst = crate::text::clean(v);
            }
        };
        set(&mut a.parent, &c.parent);
        set(&mut a.name, &c.name);
        set(&mut a.short_name, &c.short_name);
        set(&mut a.number_prefix, &c.number_prefix);
        set(&mut a.place, &c.place);
        set(&mut a.signer_authority, &c.signer_authority);
        set(&mut a.signer_title, &c.signer_title);
        set(&mut a.signer_name, &c.signer_name);
        if let Some(r) = &c.recipients {
            a.recipients = r.iter().map(|s| crate::text::clean(s)).collect();
        }
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let a = Agency::from_config(&Config::default());
        assert_eq!(a.name, "BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG");
        assert_eq!(a.signer_authority, "KT. TRƯỞNG BAN");
        let cfg =
            Config::parse("[agency]\nsigner_name = \"Nguyễn Văn Ký\"\nplace = \"Hải Dương\"\n")
                .unwrap();
        let a = Agency::from_config(&cfg);
        assert_eq!(a.signer_name, "Nguyễn Văn Ký");
        assert_eq!(a.place, "Hải Dương");
        assert_eq!(a.parent, "UBND THÀNH PHỐ HẢI PHÒNG");
    }
}
