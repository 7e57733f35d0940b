//! The 承诺书 page the legal representative signs and the enterprise seals: the plan is filed
//! as the enterprise's own commitment.

use chrono::Local;

use crate::docs::fill::Filler;

use super::Plan;

impl Plan<'_> {
    pub(super) fn pledge(&self, fill: &mut Filler) -> Vec<String> {
        let name = fill.text(&self.e.name, "企业名称", &self.place);
        let year = Local::now().format("%Y").to_string();
        vec![
            format!("本单位（{name}）郑重承诺："),
            "一、严格落实本方案所列各级预警应急减排措施，接到预警通知后按规定时间完成停产、限产等措施，做到可操作、可监测、可核查。".to_string(),
            "二、如实记录并保存预警期间生产、治污设施运行、用电量及运输车辆进出等台账，不弄虚作假，不采取临时喷氨、喷氧化剂等方式干扰监测数据。".to_string(),
            "三、企业生产线、产能、治污设施或联系人发生变化时，及时修订本方案并报属地生态环境部门。".to_string(),
            "四、主动接受生态环境等部门的监督检查；未落实应急减排措施的，依法承担相应责任。".to_string(),
            String::new(),
            "企业法定代表人（签字）：______________".to_string(),
            "企业（盖章）".to_string(),
            format!("{year}年____月____日"),
        ]
    }
}
