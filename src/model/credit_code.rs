//! 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Z without I, O, S, V, Z,
//! the last one a check character over the first 17.

/// The code's 31 characters; a character's position is its value.
const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17 (3^(i-1) mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// What is wrong with a credit code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeProblem {
    /// Not 18 characters (the count found).
    Length(usize),
    /// A character outside the code's set (the character).
    Character(char),
    /// The check character does not match (the expected one): a warning only, since real
    /// registered codes that fail the check exist.
    CheckCharacter(char),
}

impl CodeProblem {
    /// A Chinese explanation that says what to do.
    pub fn message(&self, code: &str) -> String {
        match self {
            CodeProblem::Length(n) => {
                format!("统一社会信用代码“{code}”有{n}位，应为18位，请核对营业执照")
            }
            CodeProblem::Character(c) => format!(
                "统一社会信用代码“{code}”含非法字符“{c}”（只允许数字和除I、O、S、V、Z外的大写字母），请核对营业执照"
            ),
            CodeProblem::CheckCharacter(c) => format!(
                "统一社会信用代码“{code}”校验位不符（按GB 32100-2015应为“{c}”），请核对营业执照"
            ),
        }
    }

    /// True for problems that make the code unusable (length, characters); the check
    /// character is only a warning.
    pub fn is_error(&self) -> bool {
        !matches!(self, CodeProblem::CheckCharacter(_))
    }
}

/// Upper-cases a code and removes every kind of space, as the importer stores it.
pub fn normalise_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            'ａ'..='ｚ' | 'Ａ'..='Ｚ' | '０'..='９' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect::<String>()
        .to_uppercase()
}

/// The check character for the first 17 characters of a code, or `None` when one of them is
/// outside the set.
pub fn check_character(first17: &str) -> Option<char> {
    let mut sum = 0u32;
    for (i, c) in first17.chars().take(17).enumerate() {
        sum += CHARSET.find(c)? as u32 * WEIGHTS[i];
    }
    let v = (31 - sum % 31) % 31;
    CHARSET.chars().nth(v as usize)
}

/// Validates a normalised code.
///
/// # Errors
/// The first problem found: length, then characters, then the check character.
pub fn validate_code(code: &str) -> Result<(), CodeProblem> {
    let n = code.chars().count();
    if n != 18 {
        return Err(CodeProblem::Length(n));
    }
    if let Some(bad) = code.chars().find(|c| !CHARSET.contains(*c)) {
        return Err(CodeProblem::Character(bad));
    }
    let expected = check_character(&code[..17]).expect("characters checked above");
    if code.ends_with(expected) {
        Ok(())
    } else {
        Err(CodeProblem::CheckCharacter(expected))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_codes() {
        // Published codes of real organisations.
        assert_eq!(validate_code("91110000802100433B"), Ok(()));
        assert_eq!(validate_code("91310000MA1FL4B24G"), Ok(()));
    }

    #[test]
    fn check_character_wraps_to_zero() {
        // A sum divisible by 31 gives check value 0, not 31.
        let body = "00000000000000000";
        assert_eq!(check_character(body), Some('0'));
    }

    #[test]
    fn finds_each_problem() {
        assert_eq!(
            validate_code("9111000080210043"),
            Err(CodeProblem::Length(16))
        );
        assert_eq!(
            validate_code("91110000802100433I"),
            Err(CodeProblem::Character('I'))
        );
        assert_eq!(
            validate_code("91110000802100433A"),
            Err(CodeProblem::CheckCharacter('B'))
        );
        assert!(!CodeProblem::CheckCharacter('B').is_error());
        assert!(CodeProblem::Length(3).is_error());
    }

    #[test]
    fn normalises() {
        assert_eq!(
            normalise_code(" 9111 0000802100433b "),
            "91110000802100433B"
        );
        assert_eq!(normalise_code("９１"), "91");
    }
}
