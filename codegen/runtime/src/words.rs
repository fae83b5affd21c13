//! The dynamic variables made of words (`$randomFirstName`, `$randomEmail`, `$randomCity`,
//! `$randomLoremSentence`, ...), generated with the `fake` crate under the runtime's `fake`
//! feature. Without the feature, a request that uses one fails to build, saying so, rather than
//! sending `{{$randomFirstName}}` as written.

/// The dynamic variables generated here, without their `$`.
pub(crate) const NAMES: &[&str] = &[
    "randomFirstName",
    "randomLastName",
    "randomFullName",
    "randomNamePrefix",
    "randomNameSuffix",
    "randomJobTitle",
    "randomJobDescriptor",
    "randomJobArea",
    "randomJobType",
    "randomEmail",
    "randomExampleEmail",
    "randomUserName",
    "randomUserAgent",
    "randomDomainName",
    "randomDomainSuffix",
    "randomDomainWord",
    "randomUrl",
    "randomCity",
    "randomStreetName",
    "randomStreetAddress",
    "randomCountry",
    "randomCountryCode",
    "randomCompanyName",
    "randomCompanySuffix",
    "randomCatchPhrase",
    "randomCatchPhraseAdjective",
    "randomCatchPhraseDescriptor",
    "randomCatchPhraseNoun",
    "randomBs",
    "randomBsAdjective",
    "randomBsBuzz",
    "randomBsNoun",
    "randomCurrencyCode",
    "randomCurrencyName",
    "randomCurrencySymbol",
    "randomBankAccountBic",
    "randomWord",
    "randomWords",
    "randomLoremWord",
    "randomLoremWords",
    "randomLoremSentence",
    "randomLoremSentences",
    "randomLoremParagraph",
    "randomLoremParagraphs",
    "randomLoremText",
    "randomLoremLines",
    "randomLoremSlug",
    "randomFileName",
    "randomCommonFileName",
    "randomFileExt",
    "randomCommonFileExt",
    "randomFileType",
    "randomCommonFileType",
    "randomMimeType",
    "randomFilePath",
    "randomDirectoryPath",
];

/// A value of the dynamic variable `name` (without `$`), drawn from a generator seeded with
/// `seed`; `None` for names not in [`NAMES`].
#[cfg(feature = "fake")]
pub(crate) fn generate(name: &str, seed: u64) -> Option<String> {
    use fake::faker::name::en as person;
    use fake::faker::{address, company, currency, filesystem, finance, internet, job, lorem};
    use fake::rand::SeedableRng as _;
    use fake::Fake as _;

    let rng = &mut fake::rand::rngs::SmallRng::seed_from_u64(seed);
    let words = |rng: &mut fake::rand::rngs::SmallRng, count: std::ops::Range<usize>| {
        let words: Vec<String> = lorem::en::Words(count).fake_with_rng(rng);
        words
    };
    let domain_word = |rng: &mut fake::rand::rngs::SmallRng| -> String {
        let word: String = lorem::en::Word().fake_with_rng(rng);
        word.to_lowercase()
    };
    let domain = |rng: &mut fake::rand::rngs::SmallRng| -> String {
        let suffix: String = internet::en::DomainSuffix().fake_with_rng(rng);
        format!("{}.{suffix}", domain_word(rng))
    };
    let value: String = match name {
        "randomFirstName" => person::FirstName().fake_with_rng(rng),
        "randomLastName" => person::LastName().fake_with_rng(rng),
        "randomFullName" => person::Name().fake_with_rng(rng),
        "randomNamePrefix" => person::Title().fake_with_rng(rng),
        "randomNameSuffix" => person::Suffix().fake_with_rng(rng),
        "randomJobTitle" => job::en::Title().fake_with_rng(rng),
        "randomJobDescriptor" => job::en::Seniority().fake_with_rng(rng),
        "randomJobArea" => job::en::Field().fake_with_rng(rng),
        "randomJobType" => job::en::Position().fake_with_rng(rng),
        "randomEmail" => internet::en::FreeEmail().fake_with_rng(rng),
        "randomExampleEmail" => internet::en::SafeEmail().fake_with_rng(rng),
        "randomUserName" => internet::en::Username().fake_with_rng(rng),
        "randomUserAgent" => internet::en::UserAgent().fake_with_rng(rng),
        "randomDomainName" => domain(rng),
        "randomDomainSuffix" => internet::en::DomainSuffix().fake_with_rng(rng),
        "randomDomainWord" => domain_word(rng),
        "randomUrl" => format!("https://{}", domain(rng)),
        "randomCity" => address::en::CityName().fake_with_rng(rng),
        "randomStreetName" => address::en::StreetName().fake_with_rng(rng),
        "randomStreetAddress" => {
            let number: String = address::en::BuildingNumber().fake_with_rng(rng);
            let street: String = address::en::StreetName().fake_with_rng(rng);
            format!("{number} {street}")
        }
        "randomCountry" => address::en::CountryName().fake_with_rng(rng),
        "randomCountryCode" => address::en::CountryCode().fake_with_rng(rng),
        "randomCompanyName" => company::en::CompanyName().fake_with_rng(rng),
        "randomCompanySuffix" => company::en::CompanySuffix().fake_with_rng(rng),
        "randomCatchPhrase" => company::en::CatchPhrase().fake_with_rng(rng),
        "randomCatchPhraseAdjective" => company::en::Buzzword().fake_with_rng(rng),
        "randomCatchPhraseDescriptor" => company::en::BuzzwordMiddle().fake_with_rng(rng),
        "randomCatchPhraseNoun" => company::en::BuzzwordTail().fake_with_rng(rng),
        "randomBs" => company::en::Bs().fake_with_rng(rng),
        "randomBsAdjective" => company::en::BsAdj().fake_with_rng(rng),
        "randomBsBuzz" => company::en::BsVerb().fake_with_rng(rng),
        "randomBsNoun" => company::en::BsNoun().fake_with_rng(rng),
        "randomCurrencyCode" => currency::en::CurrencyCode().fake_with_rng(rng),
        "randomCurrencyName" => currency::en::CurrencyName().fake_with_rng(rng),
        "randomCurrencySymbol" => currency::en::CurrencySymbol().fake_with_rng(rng),
        "randomBankAccountBic" => finance::en::Bic().fake_with_rng(rng),
        "randomWord" | "randomLoremWord" => lorem::en::Word().fake_with_rng(rng),
        "randomWords" => words(rng, 2..6).join(" "),
        "randomLoremWords" => words(rng, 3..4).join(" "),
        "randomLoremSlug" => words(rng, 3..4).join("-"),
        "randomLoremSentence" => lorem::en::Sentence(4..10).fake_with_rng(rng),
        "randomLoremSentences" => {
            let sentences: Vec<String> = lorem::en::Sentences(2..7).fake_with_rng(rng);
            sentences.join(" ")
        }
        "randomLoremLines" => {
            let sentences: Vec<String> = lorem::en::Sentences(1..6).fake_with_rng(rng);
            sentences.join("\n")
        }
        "randomLoremParagraph" | "randomLoremText" => lorem::en::Paragraph(3..7).fake_with_rng(rng),
        "randomLoremParagraphs" => {
            let paragraphs: Vec<String> = lorem::en::Paragraphs(3..4).fake_with_rng(rng);
            paragraphs.join("\n \r")
        }
        "randomFileName" | "randomCommonFileName" => filesystem::en::FileName().fake_with_rng(rng),
        "randomFileExt" | "randomCommonFileExt" => {
            filesystem::en::FileExtension().fake_with_rng(rng)
        }
        "randomMimeType" => filesystem::en::MimeType().fake_with_rng(rng),
        "randomFileType" | "randomCommonFileType" => {
            let mime: String = filesystem::en::MimeType().fake_with_rng(rng);
            mime.split('/').next().unwrap_or_default().to_owned()
        }
        "randomFilePath" => filesystem::en::FilePath().fake_with_rng(rng),
        "randomDirectoryPath" => filesystem::en::DirPath().fake_with_rng(rng),
        _ => return None,
    };
    Some(value)
}

/// Without the `fake` feature, no word is generated.
#[cfg(not(feature = "fake"))]
pub(crate) fn generate(_: &str, _: u64) -> Option<String> {
    None
}

#[cfg(all(test, feature = "fake"))]
mod tests {
    use super::*;

    #[test]
    fn every_name_gives_a_value_and_a_seed_gives_the_same_one() {
        for name in NAMES {
            let value = generate(name, 7);
            assert!(value.as_ref().is_some_and(|v| !v.is_empty()), "${name}");
            assert_eq!(value, generate(name, 7), "${name}");
        }
        let email = generate("randomEmail", 1).unwrap_or_default();
        assert!(email.contains('@'), "{email}");
        assert_eq!(generate("randomNothing", 1), None);
    }
}
