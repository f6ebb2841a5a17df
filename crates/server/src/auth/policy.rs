//! Who may do what: the role rules of the service as pure functions, so that every handler
//! asks the same questions and the rules are tested in one place.
//!
//! - 系统管理员 (admin): everything.
//! - 财政审核员 (reviewer): reads every department; comments, returns and approves submitted
//!   projects; never edits a department's content.
//! - 部门填报员 (filler): reads their own department fully and other departments' approved
//!   data; edits their own department's drafts (草稿/已退回) and submits them.
//! - 公众 (anonymous): reads approved (published) data only.

use crate::problem::Problem;

pub use jixiao_store::{Role, Status, Visibility};

/// A filler may still change a project in this state (草稿, 已退回).
pub fn is_editable(status: Status) -> bool {
    matches!(status, Status::Draft | Status::Returned)
}

/// The caller as far as permissions go: anonymous (公众) or a signed-in user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Public,
    User {
        id: i64,
        role: Role,
        department: Option<i64>,
    },
}

impl Actor {
    pub fn role(self) -> Option<Role> {
        match self {
            Actor::Public => None,
            Actor::User { role, .. } => Some(role),
        }
    }

    fn is_own(self, department: i64) -> bool {
        matches!(self, Actor::User { role: Role::Filler, department: Some(d), .. } if d == department)
    }

    /// Sees unpublished data of every department.
    pub fn reads_everything(self) -> bool {
        matches!(self.role(), Some(Role::Admin | Role::Reviewer))
    }

    /// What this actor may read, as every list applies it in SQL: everything (admins and
    /// reviewers), the own department's unpublished data and approved data (fillers), or
    /// approved data only (the public).
    pub fn visibility(self) -> Visibility {
        if self.reads_everything() {
            return Visibility::Everything;
        }
        match self.own_department() {
            Some(d) => Visibility::Department(d),
            None => Visibility::Published,
        }
    }

    /// The department whose unpublished data this actor may see besides approved data.
    pub fn own_department(self) -> Option<i64> {
        match self {
            Actor::User {
                role: Role::Filler,
                department,
                ..
            } => department,
            _ => None,
        }
    }
}

/// What the caller wants to do with a project (or something inside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    /// Create, change or delete a project or its indicators; upload a document.
    Edit,
    Submit,
    Return,
    Approve,
    Comment,
}

fn need_login(actor: Actor) -> Result<(), Problem> {
    match actor {
        Actor::Public => Err(Problem::unauthorized("此操作需要登录。")),
        Actor::User { .. } => Ok(()),
    }
}

/// Decides `action` on an item of `department` currently in `status`.
///
/// Permission failures are 401/403; a wrong workflow state is 409. Reads of hidden items
/// answer 404 so the public cannot learn that a draft exists.
pub fn check(actor: Actor, action: Action, department: i64, status: Status) -> Result<(), Problem> {
    check_item(actor, action, department, status, "项目")
}

/// [`check`] of an item of the review workflow that messages call `noun` (项目, or
/// 部门整体支出绩效目标表, which goes through the same steps under the same rules).
pub fn check_item(actor: Actor, action: Action, department: i64, status: Status, noun: &str) -> Result<(), Problem> {
    let role = actor.role();
    if action == Action::Read {
        let visible =
            status == Status::Approved || actor.reads_everything() || actor.is_own(department);
        return if visible {
            Ok(())
        } else {
            Err(Problem::not_found("未找到该记录，或您无权查看。"))
        };
    }
    need_login(actor)?;
    let own = actor.is_own(department);
    match (action, role) {
        (Action::Edit, Some(Role::Admin)) => Ok(()),
        (Action::Edit, Some(Role::Filler)) if own => {
            if is_editable(status) {
                Ok(())
            } else {
                Err(Problem::conflict(format!(
                    "{noun}状态为“{}”，只有草稿或已退回的{noun}可以修改。",
                    status.name()
                )))
            }
        }
        (Action::Edit, Some(Role::Reviewer)) => {
            Err(Problem::forbidden("财政审核员不能修改部门填报的内容。"))
        }
        (Action::Submit, Some(Role::Admin)) => {
            need_status(status, &[Status::Draft, Status::Returned], "提交", noun)
        }
        (Action::Submit, Some(Role::Filler)) if own => {
            need_status(status, &[Status::Draft, Status::Returned], "提交", noun)
        }
        (Action::Submit, Some(Role::Reviewer)) => {
            Err(Problem::forbidden(format!("只有部门填报员可以提交{noun}。")))
        }
        (Action::Return | Action::Approve, Some(Role::Admin | Role::Reviewer)) => need_status(
            status,
            &[Status::Submitted],
            if action == Action::Return {
                "退回"
            } else {
                "批准"
            },
            noun,
        ),
        (Action::Return | Action::Approve, Some(Role::Filler)) => {
            Err(Problem::forbidden(format!("只有财政审核员可以退回或批准{noun}。")))
        }
        (Action::Comment, Some(Role::Admin | Role::Reviewer)) => Ok(()),
        (Action::Comment, Some(Role::Filler)) if own => Ok(()),
        (_, Some(Role::Filler)) => Err(Problem::forbidden("部门填报员只能操作本部门的数据。")),
        _ => Err(Problem::forbidden("您的角色无权执行此操作。")),
    }
}

fn need_status(status: Status, allowed: &[Status], verb: &str, noun: &str) -> Result<(), Problem> {
    if allowed.contains(&status) {
        Ok(())
    } else {
        let names: Vec<&str> = allowed.iter().map(|s| s.name()).collect();
        Err(Problem::conflict(format!(
            "{noun}状态为“{}”，只有“{}”的{noun}可以{verb}。",
            status.name(),
            names.join("”或“")
        )))
    }
}

/// Administration (organisations, years, users, deleting documents): admins only.
pub fn check_admin(actor: Actor) -> Result<(), Problem> {
    need_login(actor)?;
    if actor.role() == Some(Role::Admin) {
        Ok(())
    } else {
        Err(Problem::forbidden("只有系统管理员可以执行此操作。"))
    }
}

/// Uploading a document for `department` (`None`: department not yet known).
pub fn check_upload(actor: Actor, department: Option<i64>) -> Result<(), Problem> {
    need_login(actor)?;
    match (actor.role(), department) {
        (Some(Role::Admin), _) => Ok(()),
        (Some(Role::Filler), None) => Ok(()),
        (Some(Role::Filler), Some(d)) if actor.is_own(d) => Ok(()),
        (Some(Role::Filler), Some(_)) => {
            Err(Problem::forbidden("部门填报员只能导入本部门的文档。"))
        }
        _ => Err(Problem::forbidden("财政审核员不能导入文档。")),
    }
}

/// Drafting a 绩效目标表 (新建, or 复制为下一年度草稿) for `department` (`None`: not said):
/// the department the draft will belong to. A filler drafts for their own department only,
/// an admin for the department named; reviewers and the public never draft.
pub fn check_draft(actor: Actor, department: Option<i64>) -> Result<i64, Problem> {
    need_login(actor)?;
    match actor.role() {
        Some(Role::Admin) => department.ok_or_else(|| Problem::unprocessable("请选择绩效目标表所属的部门（department_id）。")),
        Some(Role::Filler) => {
            let own = actor
                .own_department()
                .ok_or_else(|| Problem::forbidden("您的账户没有所属部门，不能新建绩效目标表。"))?;
            match department {
                Some(d) if d != own => Err(Problem::forbidden("部门填报员只能为本部门新建绩效目标表。")),
                _ => Ok(own),
            }
        }
        _ => Err(Problem::forbidden("财政审核员不能新建或复制绩效目标表。")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Status::*;

    const DEPT: i64 = 7;
    const OTHER: i64 = 8;
    const ADMIN: Actor = Actor::User {
        id: 1,
        role: Role::Admin,
        department: None,
    };
    const REVIEWER: Actor = Actor::User {
        id: 2,
        role: Role::Reviewer,
        department: None,
    };
    const FILLER: Actor = Actor::User {
        id: 3,
        role: Role::Filler,
        department: Some(DEPT),
    };
    const FILLER_ELSEWHERE: Actor = Actor::User {
        id: 4,
        role: Role::Filler,
        department: Some(OTHER),
    };

    fn code(actor: Actor, action: Action, status: Status) -> u16 {
        match check(actor, action, DEPT, status) {
            Ok(()) => 200,
            Err(p) => p.status.as_u16(),
        }
    }

    /// One row per (actor, action): the status code for Draft, Submitted, Returned, Approved.
    #[test]
    fn matrix() {
        let table: &[(&str, Actor, Action, [u16; 4])] = &[
            ("公众", Actor::Public, Read, [404, 404, 404, 200]),
            ("公众", Actor::Public, Edit, [401, 401, 401, 401]),
            ("公众", Actor::Public, Comment, [401, 401, 401, 401]),
            ("管理员", ADMIN, Read, [200, 200, 200, 200]),
            ("管理员", ADMIN, Edit, [200, 200, 200, 200]),
            ("管理员", ADMIN, Submit, [200, 409, 200, 409]),
            ("管理员", ADMIN, Approve, [409, 200, 409, 409]),
            ("审核员", REVIEWER, Read, [200, 200, 200, 200]),
            ("审核员", REVIEWER, Edit, [403, 403, 403, 403]),
            ("审核员", REVIEWER, Submit, [403, 403, 403, 403]),
            ("审核员", REVIEWER, Return, [409, 200, 409, 409]),
            ("审核员", REVIEWER, Approve, [409, 200, 409, 409]),
            ("审核员", REVIEWER, Comment, [200, 200, 200, 200]),
            ("本部门填报员", FILLER, Read, [200, 200, 200, 200]),
            ("本部门填报员", FILLER, Edit, [200, 409, 200, 409]),
            ("本部门填报员", FILLER, Submit, [200, 409, 200, 409]),
            ("本部门填报员", FILLER, Return, [403, 403, 403, 403]),
            ("本部门填报员", FILLER, Approve, [403, 403, 403, 403]),
            ("本部门填报员", FILLER, Comment, [200, 200, 200, 200]),
            ("外部门填报员", FILLER_ELSEWHERE, Read, [404, 404, 404, 200]),
            ("外部门填报员", FILLER_ELSEWHERE, Edit, [403, 403, 403, 403]),
            (
                "外部门填报员",
                FILLER_ELSEWHERE,
                Submit,
                [403, 403, 403, 403],
            ),
            (
                "外部门填报员",
                FILLER_ELSEWHERE,
                Comment,
                [403, 403, 403, 403],
            ),
        ];
        for (who, actor, action, expected) in table {
            let got = [Draft, Submitted, Returned, Approved].map(|s| code(*actor, *action, s));
            assert_eq!(&got, expected, "{who} {action:?}");
        }
    }

    /// A 部门整体 table goes through the same rules as a project; messages name it.
    #[test]
    fn a_department_table_follows_the_project_rules() {
        const TABLE: &str = "部门整体支出绩效目标表";
        for actor in [Actor::Public, ADMIN, REVIEWER, FILLER, FILLER_ELSEWHERE] {
            for action in [Read, Submit, Return, Approve, Comment] {
                for status in [Draft, Submitted, Returned, Approved] {
                    let code = |r: Result<(), Problem>| r.map_err(|p| p.status.as_u16());
                    assert_eq!(
                        code(check_item(actor, action, DEPT, status, TABLE)),
                        code(check(actor, action, DEPT, status)),
                        "{actor:?} {action:?} {status:?}"
                    );
                }
            }
        }
        assert_eq!(
            check_item(REVIEWER, Approve, DEPT, Draft, TABLE).unwrap_err().detail,
            "部门整体支出绩效目标表状态为“草稿”，只有“已提交”的部门整体支出绩效目标表可以批准。"
        );
        assert_eq!(check_item(FILLER, Approve, DEPT, Submitted, TABLE).unwrap_err().detail, "只有财政审核员可以退回或批准部门整体支出绩效目标表。");
        assert_eq!(check(REVIEWER, Submit, DEPT, Draft).unwrap_err().detail, "只有部门填报员可以提交项目。");
    }

    #[test]
    fn admin_only_and_upload() {
        assert!(check_admin(ADMIN).is_ok());
        for actor in [REVIEWER, FILLER] {
            assert_eq!(check_admin(actor).unwrap_err().status.as_u16(), 403);
        }
        assert_eq!(check_admin(Actor::Public).unwrap_err().status.as_u16(), 401);
        assert!(check_upload(FILLER, Some(DEPT)).is_ok());
        assert_eq!(
            check_upload(FILLER, Some(OTHER)).unwrap_err().detail,
            "部门填报员只能导入本部门的文档。"
        );
        assert_eq!(
            check_upload(REVIEWER, None).unwrap_err().status.as_u16(),
            403
        );
        assert!(check_upload(ADMIN, Some(OTHER)).is_ok());
    }

    #[test]
    fn who_may_draft_for_which_department() {
        let code = |actor, dept| check_draft(actor, dept).map_err(|p| p.status.as_u16());
        assert_eq!(code(Actor::Public, Some(DEPT)), Err(401));
        assert_eq!(code(REVIEWER, Some(DEPT)), Err(403));
        assert_eq!(code(FILLER, None), Ok(DEPT));
        assert_eq!(code(FILLER, Some(DEPT)), Ok(DEPT));
        assert_eq!(code(FILLER, Some(OTHER)), Err(403));
        assert_eq!(code(FILLER_ELSEWHERE, Some(DEPT)), Err(403));
        assert_eq!(code(ADMIN, Some(OTHER)), Ok(OTHER));
        assert_eq!(code(ADMIN, None), Err(422));
    }
}
